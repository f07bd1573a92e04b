#!/usr/bin/env python3
"""The wording check run by scripts/test: one term for each thing, from one place.

1. No retired term appears in src/ (each has a replacement that the app uses).
2. A Chinese phrase of six characters or more that two files under src/ui use lives
   in src/ui/text.rs instead (wording used twice lives in one place).
Prints what it finds and exits 1 if anything; comments are not checked.
"""
import collections
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
# retired term -> what to say instead
RETIRED = {
    "报告卡": "考评报告",
    "评委评分文件": "报送文件（评委）",
    "方案系列": "所属方案",
    "步长": "计分单位",
    "本机较新": "本机的较新（保留本机）",
    "≈": "a note that figures are rounded",
}
LITERAL = re.compile(r'"([^"\\\n]*[\u4e00-\u9fff][^"\\\n]*)"')


def code_lines(path):
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        stripped = line.strip()
        if stripped.startswith("//"):
            continue
        yield n, line


def main():
    problems = []
    for path in sorted((ROOT / "src").rglob("*.rs")):
        for n, line in code_lines(path):
            for old, new in RETIRED.items():
                if old in line:
                    problems.append(f"{path.relative_to(ROOT)}:{n}: retired term “{old}” (say {new})")
    seen = collections.defaultdict(set)
    for path in sorted((ROOT / "src" / "ui").rglob("*.rs")):
        if path.name == "text.rs":
            continue
        for _, line in code_lines(path):
            for m in LITERAL.finditer(line):
                text = m.group(1)
                if sum(1 for c in text if "\u4e00" <= c <= "\u9fff") >= 6:
                    seen[text].add(str(path.relative_to(ROOT)))
    for text, paths in sorted(seen.items()):
        if len(paths) > 1:
            problems.append(f"“{text}” is written in {', '.join(sorted(paths))}: move it to src/ui/text.rs")
    for p in problems:
        print(p)
    if problems:
        print(f"wording check: {len(problems)} problem(s)")
        return 1
    print("wording check passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
