# Exercises: build the student notebooks and answer keys, grade a folder of submissions.
# Included by the Makefile (`-include mk/*.mk`); VENV and BIN come from there.
# docs/instructors.md walks through a term with these verbs.
ARTICLES ?=
ROSTER ?=
SUBMISSIONS ?= submissions
GRADES ?= build/grades

.PHONY: exercises exercises-check grade bench-grading

exercises: $(VENV)/.lab  ## student notebooks + answer keys (ARTICLES="id ..." ROSTER=file optional)
	$(BIN)/framing exercises build $(if $(ARTICLES),--article $(ARTICLES)) $(if $(ROSTER),--roster $(ROSTER))

exercises-check: $(VENV)/.lab  ## fail if exercises/student drifted from exercises/source
	$(BIN)/framing exercises build --check

grade: $(VENV)/.lab  ## grade SUBMISSIONS=folder into GRADES=build/grades
	$(BIN)/framing exercises grade $(SUBMISSIONS) --out $(GRADES)

bench-grading: $(VENV)/.dev  ## seconds per graded submission (20 submissions, 2 jobs)
	$(BIN)/python benchmarks/bench_grading.py
