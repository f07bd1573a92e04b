#!/usr/bin/env python3
"""Finishes a trunk release build in dist/:

1. inlines the styles and wasm-bindgen's glue script into dist/index.html, so the
   first screen waits for one request (the wasm, preloaded and compiled as it streams)
   instead of four, and adds a Content-Security-Policy that allows the app and nothing
   else (the inline script and styles by their hashes, 'wasm-unsafe-eval', the wasm);
2. writes dist/exemplar.html: one self-contained file (styles, script and the wasm
   inlined, the wasm as base64) that works when opened straight from disk (file://),
   with its own CSP;
3. adds to both the loader of the office module (scripts/build-office:
   exemplar-office-<hash>.js and its _bg.wasm): `window.exemplarOffice()` loads it the
   first time the app writes or reads an office file (src/office.rs) and returns its
   functions. index.html adds the module's script file to the page then (so its CSP
   allows scripts from 'self'); exemplar.html carries the module's glue inline (by its
   hash) and its wasm as base64 in a data block that is decoded only then.

Standard library only.
"""
import base64
import hashlib
import pathlib
import re
import sys

DIST = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "dist")


def sha256_source(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def csp_meta(policy: str) -> str:
    return f'<meta http-equiv="Content-Security-Policy" content="{policy}" />'


def office_files() -> tuple[str, str]:
    """The office module's script and wasm names in DIST (scripts/build-office)."""
    scripts = sorted(p.name for p in DIST.glob("exemplar-office-*.js"))
    if len(scripts) != 1:
        sys.exit(f"bundle: expected one office module script in {DIST}, found {scripts} (run scripts/build-office)")
    wasm = scripts[0][: -len(".js")] + "_bg.wasm"
    if not (DIST / wasm).exists():
        sys.exit(f"bundle: {DIST / wasm} is missing (run scripts/build-office)")
    return scripts[0], wasm


# Loads the office module once (again after a failure); resolves to its functions.
OFFICE_FROM_FILES = """
window.exemplarOffice = (() => {
  let loading = null;
  const load = () => new Promise((resolve, reject) => {
    const s = document.createElement('script');
    s.src = './%(js)s';
    s.onload = () => exemplarOfficeModule({ module_or_path: './%(wasm)s' }).then(() => resolve(exemplarOfficeModule), reject);
    s.onerror = () => { s.remove(); reject(new Error('%(js)s')); };
    document.head.append(s);
  });
  return () => (loading ??= load().catch((e) => { loading = null; throw e; }));
})();
"""

OFFICE_INLINE = """
window.exemplarOffice = (() => {
  let loading = null;
  const load = async () => {
    const b64 = document.getElementById('exemplar-office-wasm').textContent.trim();
    await exemplarOfficeModule({ module_or_path: Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)) });
    return exemplarOfficeModule;
  };
  return () => (loading ??= load().catch((e) => { loading = null; throw e; }));
})();
"""


def main() -> None:
    office_js, office_wasm = office_files()
    index_path = DIST / "index.html"
    html = index_path.read_text(encoding="utf-8")
    html = re.sub(r'\s*<meta http-equiv="Content-Security-Policy"[^>]*>', "", html)

    m = re.search(r"<script type=\"module\">(.*?)</script>", html, re.S)
    if not m:
        sys.exit("bundle: no loader script in dist/index.html")
    loader = m.group(1)
    js_name = re.search(r"import init, \* as bindings from '\./([^']+\.js)'", loader).group(1)
    wasm_name = re.search(r"module_or_path: '\./([^']+\.wasm)'", loader).group(1)
    glue = (DIST / js_name).read_text(encoding="utf-8")
    # What trunk's loader published as window.wasmBindings (scripts/bench calls them).
    exported = re.findall(r"^export (?:function|class) (\w+)", glue, re.M)

    # Style attributes (style="…") are allowed: the app sets a few for layout; style
    # and script elements are limited to the app's own.
    common = "default-src 'none'; base-uri 'none'; form-action 'none'; object-src 'none'; style-src-attr 'unsafe-inline'"

    page = re.sub(r'\s*<link rel="modulepreload"[^>]*>', "", html)
    styles = []

    def inline_css(match: re.Match) -> str:
        css = (DIST / match.group(1)).read_text(encoding="utf-8")
        styles.append(css)
        media = re.search(r'media="([^"]+)"', match.group(0))
        return f'<style{f" media={chr(34)}{media.group(1)}{chr(34)}" if media else ""}>{css}</style>'

    page = re.sub(r'<link rel="stylesheet" href="\./([^"]+\.css)"[^>]*/?>', inline_css, page)
    script = (
        glue
        + f"\nawait __wbg_init({{ module_or_path: './{wasm_name}' }});\n"
        + "window.wasmBindings = { " + ", ".join(exported) + " };\n"
        + OFFICE_FROM_FILES % {"js": office_js, "wasm": office_wasm}
    )
    page = page.replace(m.group(0), '<script type="module">' + script + "</script>")
    style_hashes = " ".join(sha256_source(c) for c in styles)
    policy = (
        f"{common}; script-src 'self' 'wasm-unsafe-eval' {sha256_source(script)}; "
        f"style-src {style_hashes}; connect-src 'self'; img-src 'self' data:"
    )
    page = page.replace('<meta charset="utf-8" />', '<meta charset="utf-8" />\n    ' + csp_meta(policy), 1)
    index_path.write_text(page, encoding="utf-8")

    # ---- the single file ----
    wasm_b64 = base64.b64encode((DIST / wasm_name).read_bytes()).decode()

    single = html
    single = re.sub(r'\s*<link rel="(modulepreload|preload)"[^>]*>', "", single)
    styles.clear()
    single = re.sub(r'<link rel="stylesheet" href="\./([^"]+\.css)"[^>]*/?>', inline_css, single)
    script = (
        glue
        + "\nconst __exemplarWasm = Uint8Array.from(atob('"
        + wasm_b64
        + "'), (c) => c.charCodeAt(0));\n"
        + "await __wbg_init({ module_or_path: __exemplarWasm });\n"
        + "window.exemplarSingleFile = true;\n"
        + OFFICE_INLINE
    )
    office_glue = (DIST / office_js).read_text(encoding="utf-8")
    office_b64 = base64.b64encode((DIST / office_wasm).read_bytes()).decode()
    single = single.replace(
        m.group(0),
        "<script>" + office_glue + "</script>\n"
        + '<script type="application/octet-stream" id="exemplar-office-wasm">' + office_b64 + "</script>\n"
        + "<script type=\"module\">" + script + "</script>",
    )
    style_hashes = " ".join(sha256_source(s) for s in styles)
    single_policy = (
        f"{common}; script-src 'wasm-unsafe-eval' {sha256_source(office_glue)} {sha256_source(script)}; "
        f"style-src {style_hashes}; img-src data:"
    )
    single = single.replace('<meta charset="utf-8" />', '<meta charset="utf-8" />\n    ' + csp_meta(single_policy), 1)
    (DIST / "exemplar.html").write_text(single, encoding="utf-8")

    # Both pages carry the glue script and the styles inside them now: the separate
    # copies would only be uploaded to the server and never loaded.
    inlined = [js_name] + re.findall(r'<link rel="stylesheet" href="\./([^"]+\.css)"', html)
    for name in inlined:
        (DIST / name).unlink(missing_ok=True)
    print(f"[bundle] dist/index.html with CSP; dist/exemplar.html {len(single.encode()):,} bytes (single file)")


if __name__ == "__main__":
    main()
