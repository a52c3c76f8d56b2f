"""The service's own pages (upload, login) and the scorecard page dressed for the service.

The scorecard is `scorecard_html` unchanged, the page `score --html` writes, with a bar
of buttons put in front of its content: score another file, download the JSON (and the
commented Word copy when there is one). The downloads travel inside the page as data
links, because the service keeps nothing to fetch them from later.
"""

from __future__ import annotations

import base64
import hashlib
import re
from functools import lru_cache
from importlib import resources

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from scorer import __version__
from scorer.web.catalogue import Catalogue
from scorer.web.commented import DOCX_MEDIA_TYPE, annotated_name
from scorer.web.names import stem
from scorer.web.security import csp_for_inline

ACCEPT = ".docx,.pdf,.html,.htm,.mht,.txt,.md"
_BODY = re.compile(r"<body[^>]*>")
_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)


@lru_cache(maxsize=1)
def _environment() -> Environment:
    env = Environment(loader=PackageLoader("scorer.web", "templates"), autoescape=True, undefined=StrictUndefined)
    env.globals["version"] = __version__
    return env


def sha256_source(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


def index_page(catalogue: Catalogue, max_bytes: int, error: str | None = None, selected: str | None = None) -> str:
    max_mb = f"{max_bytes / 1048576:g}"
    too_big = f"{{name}}: 文件过大（{{size}} MB，上限 {max_mb} MB）（确需评分时请服务管理员用 --max-size 提高上限）"
    return _environment().get_template("index.html.j2").render(
        catalogue=catalogue, selected=selected or catalogue.default, max_bytes=max_bytes, max_mb=max_mb,
        too_big_template=too_big, accept=ACCEPT, error=error,
    )


@lru_cache(maxsize=1)
def _login_style() -> str:
    return resources.files("scorer.web").joinpath("templates", "login.css").read_text(encoding="utf-8")


def login_page(action: str, wrong: bool = False) -> tuple[str, str]:
    """The login form and its CSP: no script at all, its one style block by hash."""
    style = _login_style()
    page = _environment().get_template("login.html.j2").render(style=Markup(style), action=action, wrong=wrong)
    return page, csp_for_inline([], [sha256_source(style)])


BAR_STYLE = """
.serve-bar { position: sticky; top: 0; z-index: 10; display: flex; flex-wrap: wrap; gap: .5rem; align-items: center;
  padding: .5rem 1rem; background: #1e3a8a; color: #fff; font-size: .95rem; }
.serve-bar a { color: #fff; text-decoration: none; padding: .3rem .9rem; border: 1px solid rgba(255,255,255,.6); border-radius: 4px; }
.serve-bar a:hover, .serve-bar a:focus { background: rgba(255,255,255,.15); }
.serve-bar a.primary { background: #fff; color: #1e3a8a; font-weight: 600; }
.serve-bar .serve-note { margin-left: auto; font-size: .85rem; opacity: .85; }
@media (max-width: 700px) { .serve-bar .serve-note { margin-left: 0; width: 100%; } .serve-bar { position: static; } }
@media print { .serve-bar { display: none; } }
"""


def _data_link(media_type: str, data: bytes) -> str:
    return f"data:{media_type};base64,{base64.b64encode(data).decode('ascii')}"


def action_bar(name: str, json_text: str, commented: bytes | None) -> Markup:
    base = stem(name)
    links = ['<a class="primary" href="./">← 评分另一份报告</a>']
    if commented is not None:
        links.append(
            f'<a class="download" download="{escape(annotated_name(name))}" href="{_data_link(DOCX_MEDIA_TYPE, commented)}">下载带批注的 Word</a>'
        )
    links.append(
        f'<a class="download" download="{escape(base)}-评分.json" '
        f'href="{_data_link("application/json;charset=utf-8", json_text.encode("utf-8"))}">下载 JSON</a>'
    )
    note = '<span class="serve-note">服务器未保存这份报告和结果；需要留存请下载或打印本页。</span>'
    return Markup(f'<style>{BAR_STYLE}</style><nav class="serve-bar" aria-label="评分操作">{"".join(links)}{note}</nav>')


def result_page(scorecard: str, name: str, json_text: str, commented: bytes | None) -> tuple[str, str]:
    """The scorecard with the action bar, and a CSP that lets only the page's own script run."""
    hashes = [sha256_source(script) for script in _SCRIPT.findall(scorecard)]
    bar = action_bar(name, json_text, commented)
    match = _BODY.search(scorecard)
    at = match.end() if match else 0
    return scorecard[:at] + str(bar) + scorecard[at:], csp_for_inline(hashes)
