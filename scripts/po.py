"""Tiny helpers to list untranslated msgids of a .po file and fill them from a dict.

Usage: python scripts/po.py list FILE            -> JSON of untranslated msgids
       python scripts/po.py fill FILE TRANS.json -> writes msgstr for known msgids
Plural entries get the same translation pattern given as a two-item list.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ENTRY = re.compile(
    r'((?:^#.*\n)*)((?:msgctxt .*\n(?:".*"\n)*)?)msgid ((?:".*"\n)+)'
    r'(msgid_plural ((?:".*"\n)+))?((?:msgstr(?:\[\d\])? (?:".*"\n)+)+)',
    re.M,
)


def _unquote(block: str) -> str:
    return "".join(json.loads(line) for line in block.strip().splitlines())


def _quote(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def entries(text):
    yield from ENTRY.finditer(text)


def main() -> None:
    command, path = sys.argv[1], sys.argv[2]
    path = Path(path)
    text = path.read_text(encoding="utf-8")
    if command == "list":
        missing = []
        for m in entries(text):
            msgid = _unquote(m.group(3))
            strs = re.findall(r'msgstr(?:\[\d\])? ((?:".*"\n)+)', m.group(6))
            if msgid and not all(_unquote(s) for s in strs):
                missing.append([msgid, _unquote(m.group(5))] if m.group(4) else msgid)
        print(json.dumps(missing, ensure_ascii=False, indent=0))
        return
    translations = json.loads(Path(sys.argv[3]).read_text(encoding="utf-8"))

    def replace(m):
        msgid = _unquote(m.group(3))
        if msgid not in translations:
            return m.group(0)
        value = translations[msgid]
        head = m.group(1).replace("#, fuzzy\n", "") + m.group(2) + "msgid " + m.group(3)
        if m.group(4):
            singular, plural = value if isinstance(value, list) else (value, value)
            return head + m.group(4) + f"msgstr[0] {_quote(singular)}\nmsgstr[1] {_quote(plural)}\n"
        return head + f"msgstr {_quote(value)}\n"

    path.write_text(ENTRY.sub(replace, text), encoding="utf-8")


if __name__ == "__main__":
    main()
