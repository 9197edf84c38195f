"""Named test texts shared by the test modules (one phenomenon each)."""

EMPTY_STR = ""
WHITESPACE = " \n\t\r\n  \n"
ONE_SENTENCE = "The council approved the budget on Tuesday."
CRLF_TEXT = 'Officials met on Monday.\r\n"We may agree," she said.\r\nNo comments:\r\n'
BOM_TEXT = "\ufeffThe talks may resume."
ABBREVIATIONS = "Dr. Lee met U.S. officials and Gen. Park on Jan. 5 in Washington. They left."
CURLY_QUOTES = "\u201cWe will keep talking,\u201d the minister said."
STRAIGHT_QUOTES = '"We will keep talking," the minister said.'
NESTED_SINGLE = "\u201cHe told me \u2018never again\u2019 last week,\u201d she said."
APOSTROPHES = "The leaders' aides didn't attend Trump's rally in the '90s style."
BRITISH_SINGLE = "'We are ready,' the minister said."
MULTI_PARAGRAPH_QUOTE = (
    '"The first part of the statement goes on.\n'
    '"And the second paragraph ends it," she said.\n'
    "The meeting closed."
)
UNBALANCED_QUOTE = 'He said "we will win\nThe vote was held on Friday.'
HEADING_TEXT = "Cracks in the coalition\nThe coalition may split, officials said."
BOILERPLATE_TAIL = (
    "The summit ended early.\nAdvertisement\nShare this article\nNo comments:\nPost a Comment"
)

# Top-level fields of the JSON contract (docs/json.md) that every result must have.
CONTRACT_KEYS = frozenset(
    {
        "schema",
        "chars",
        "words",
        "sentences",
        "ignored",
        "quotes",
        "warnings",
        "hedges",
        "boosters",
        "loaded_terms",
        "attributions",
        "summary",
    }
)
