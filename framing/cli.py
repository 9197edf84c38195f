"""The ``framing`` command: ``analyze``, ``articles``, ``validate``, ``exercises``, ``native``.

Bad input never produces a traceback: each unreadable input gets one line on stderr
(``framing: PATH: reason``) and exit status 2, while the other inputs are still processed.
"""

from __future__ import annotations

import argparse
import codecs
import json
import sys
from pathlib import Path
from typing import Any, TextIO

EXIT_OK, EXIT_BAD_INPUT = 0, 2


class InputError(Exception):
    """An input that cannot be analysed; the message names the reason."""


def decode(data: bytes, encoding: str = "utf-8") -> str:
    """Bytes to text: a UTF-8 BOM is skipped, newlines are kept as they are (CRLF stays).

    Raises
    ------
    InputError
        For binary data (NUL bytes) or bytes that are not valid in ``encoding``.
    """
    nul = data.find(b"\x00")
    if nul >= 0:
        raise InputError(f"binary data (NUL byte at offset {nul}), not a text file")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as e:
        raise InputError(
            f"not valid {encoding} text (byte 0x{data[e.start]:02x} at offset {e.start}); "
            "is it a text file? try --encoding latin-1 or --encoding cp1252"
        ) from None
    return text[1:] if text.startswith("\ufeff") else text


def read_input(path: str, encoding: str) -> str:
    """Read one input (``-`` is standard input) and decode it."""
    if path == "-":
        return decode(sys.stdin.buffer.read(), encoding)
    p = Path(path)
    if p.is_dir():
        raise InputError("is a directory; give the text files inside it (e.g. DIR/*.txt)")
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        raise InputError("no such file") from None
    except PermissionError:
        raise InputError("permission denied") from None
    except OSError as e:
        raise InputError(e.strerror or str(e)) from None
    return decode(data, encoding)


def _text_report(path: str, a: Any) -> str:
    s = a.summary()
    h, lo = s["hedging"], s["loaded"]
    lines = [
        f"== {path}",
        f"words {s['words']} (author {s['author_words']}, quoted {s['quoted_words']}), "
        f"sentences {s['sentences']}, quotes {s['quotes']}, ignored lines {s['ignored']}",
    ]
    for name in ("hedges", "boosters"):
        d = h.get(name, {})
        found = [m.text for m in getattr(a, name)]
        lines.append(
            f"{name}: author {d.get('author', 0)} ({d.get('author_per_1000', 0)}/1000 words), "
            f"quoted {d.get('quoted', 0)}: {', '.join(found) or '-'}"
        )
    lines.append(
        f"loaded terms: author {lo.get('author', 0)}, quoted {lo.get('quoted', 0)}: "
        + (", ".join(m.text for m in a.loaded_terms) or "-")
    )
    speakers = sorted({at.speaker.name for at in a.attributions if at.speaker})
    lines.append(f"attributions: {len(a.attributions)}; speakers: {', '.join(speakers) or '-'}")
    for w in a.warnings:
        lines.append(f"warning: {w}")
    for i in a.ignored:
        lines.append(f"ignored ({i.reason}): {i.text}")
    return "\n".join(lines) + "\n"


def cmd_analyze(args: argparse.Namespace, out: TextIO) -> int:
    from framing.analysis import analyze

    status = EXIT_OK
    results: list[tuple[str, Any]] = []
    for path in args.paths:
        try:
            text = read_input(path, args.encoding)
        except InputError as e:
            print(f"framing: {path}: {e}", file=sys.stderr)
            status = EXIT_BAD_INPUT
            continue
        a = analyze(text)
        label = "<stdin>" if path == "-" else path
        if args.format == "jsonl":
            out.write(json.dumps({"path": label, **a.to_dict()}, ensure_ascii=False) + "\n")
        elif args.format == "text":
            out.write(_text_report(label, a))
        else:
            results.append((label, a))
    if args.format == "json" and results:
        if len(args.paths) == 1:
            payload: Any = {"path": results[0][0], **results[0][1].to_dict()}
        else:
            payload = [{"path": p, **a.to_dict()} for p, a in results]
        out.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
    elif args.format == "html" and results:
        from framing.display import to_page

        out.write(to_page(results))
    return status


def cmd_articles(args: argparse.Namespace, out: TextIO) -> int:
    from framing import corpus

    for article_id in corpus.list_articles():
        m = corpus.metadata(article_id)
        out.write(f"{article_id:32} {m.get('outlet', '')[:28]:28} {m.get('title', '')}\n")
    return EXIT_OK


def cmd_validate(args: argparse.Namespace, out: TextIO) -> int:
    from framing import validate

    return validate.run(args.corpus, args.format, out=out)


def cmd_native(args: argparse.Namespace, out: TextIO) -> int:
    from framing import native

    if args.build:
        if native.build(log=lambda line: print(line, file=out, flush=True)):
            out.write("(the next `import framing` uses the new build)\n")
    else:
        out.write(f"framing runs: {native.status}\n")
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="framing",
        description="How is this news text framed? Hedging, attribution and loaded terms.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("analyze", help="analyse text files (or - for standard input)")
    p.add_argument("paths", nargs="+", metavar="PATH", help="text file(s); - reads stdin")
    p.add_argument("--format", choices=("json", "jsonl", "text", "html"), default="json")
    p.add_argument("--output", "-o", metavar="FILE", help="write here instead of stdout")
    p.add_argument("--encoding", default="utf-8", help="input encoding (default utf-8)")
    p.set_defaults(func=cmd_analyze)

    p = sub.add_parser("articles", help="list the bundled articles")
    p.set_defaults(func=cmd_articles)

    p = sub.add_parser("validate", help="precision/recall/F1 against the gold annotations")
    p.add_argument("--corpus", default="bundled", help="'bundled' or a folder (see docs)")
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("native", help="say whether the compiled analyzer runs; --build makes it")
    p.add_argument("--build", action="store_true", help="compile the analyzer with mypyc")
    p.set_defaults(func=cmd_native)

    try:
        from framing.exercises.cli import add_parser as add_exercises
    except ImportError:
        pass
    else:
        add_exercises(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``framing`` console script; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_OK
    encoding = getattr(args, "encoding", None)
    if encoding is not None:
        try:
            codecs.lookup(encoding)
        except LookupError:
            parser.error(f"unknown encoding {encoding!r}")
    output = getattr(args, "output", None)
    if output:
        try:
            with open(output, "w", encoding="utf-8", newline="") as out:
                return args.func(args, out)
        except OSError as e:
            print(f"framing: {output}: cannot write ({e.strerror})", file=sys.stderr)
            return EXIT_BAD_INPUT
    return args.func(args, sys.stdout)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
