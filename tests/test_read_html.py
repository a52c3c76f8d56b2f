"""Web pages: the article only, with the page's title and publish date as metadata."""

from __future__ import annotations

import pytest

from scorer.errors import ReadError
from scorer.read import read_document
from tests.conftest import seed_files
from tests.make_formats import page_html, write_html, write_mht

REPORT = """某市司法局2023年度法治政府建设工作报告
2023年，某市司法局坚持以习近平法治思想为指导，全面推进依法行政，各项工作取得积极成效。现将有关情况报告如下：
一、主要举措和成效
全年办理行政复议案件12件，负责人出庭应诉3次，行政诉讼案件全部依法审结。严格落实行政执法公示、执法全过程记录、重大执法决定法制审核制度，组织案卷评查2次。
二、存在的不足和原因
执法人员培训不足，部分执法人员法治意识有待提高，主要原因是经费保障不到位，培训形式较为单一。"""


def test_only_the_article_is_read(tmp_path):
    raw = read_document(write_html(REPORT, tmp_path / "page.html", title="某市司法局2023年度法治政府建设工作报告"))
    assert raw.text.split("\n") == REPORT.split("\n")
    for furniture in ("首页", "分享到", "打印本页", "相关文章", "版权所有", "ICP备", "请输入关键词", "扫一扫", "访问量", "var title"):
        assert furniture not in raw.text


def test_title_and_publish_date_come_from_the_page(tmp_path, national):
    path = write_html(REPORT, tmp_path / "page.html", title="某市司法局2023年度法治政府建设工作报告")
    raw = read_document(path)
    assert raw.hints == {"title": "某市司法局2023年度法治政府建设工作报告", "date": "2024-03-15"}
    assert national.score_path(path).result.metadata.date == "2024-03-15"


def test_a_title_only_in_the_page_header_is_put_before_the_article(tmp_path, national):
    body = REPORT.split("\n", 1)[1]  # the article itself starts without its title
    path = write_html(body, tmp_path / "page.html", title="某市司法局2023年度法治政府建设工作报告")
    raw = read_document(path)
    assert raw.text.split("\n")[0] == "某市司法局2023年度法治政府建设工作报告"
    assert national.score_path(path).result.metadata.title == "某市司法局2023年度法治政府建设工作报告"


def test_a_site_name_is_not_taken_for_the_title(tmp_path):
    raw = read_document(write_html(REPORT.split("\n", 1)[1], tmp_path / "page.html", title=None))
    assert "title" not in raw.hints
    assert "人民政府门户网站" not in raw.text


def test_the_publish_date_is_found_in_the_page_without_meta_tags(tmp_path):
    page = page_html(REPORT).replace('<meta name="PubDate" content="2024-03-15 10:30">', "").replace("发布时间：2024-03-15", "发布日期：2024年3月8日")
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    assert read_document(path).hints["date"] == "2024-03-08"


def test_declared_gb2312_with_gbk_characters(tmp_path):
    # 鎔 and 堃 are GBK, not gb2312: pages declaring gb2312 use them all the same.
    text = REPORT + "\n负责人王鎔、李堃出庭应诉。"
    raw = read_document(write_html(text, tmp_path / "gbk.htm", gbk=True))
    assert "王鎔、李堃" in raw.text


def test_a_page_saved_as_utf8_but_declaring_gb2312(tmp_path):
    path = tmp_path / "wrong.html"
    path.write_bytes(page_html(REPORT, charset="gb2312").encode("utf-8"))
    assert read_document(path).text.split("\n") == REPORT.split("\n")


def test_word_saved_as_web_page_under_doc_is_read_as_the_page(tmp_path):
    """Sites serve HTML as .doc; Word's "save as web page" keeps the .doc name too."""
    path = tmp_path / "报告.doc"
    path.write_text("<html><body><div class=WordSection1>" + "".join(f"<p class=MsoNormal>{line}</p>" for line in REPORT.split("\n")) + "</div></body></html>", encoding="utf-8")
    assert read_document(path).text.split("\n") == REPORT.split("\n")


def test_a_table_in_the_article_reads_row_by_row(tmp_path):
    path = tmp_path / "table.html"
    path.write_text("<html><body><p>" + "一、主要举措和成效。" * 5 + "</p><table><tr><td>行政复议</td><td>12件</td></tr><tr><td>行政应诉</td><td>3件</td></tr></table></body></html>", encoding="utf-8")
    assert read_document(path).text.split("\n")[1:] == ["行政复议 | 12件", "行政应诉 | 3件"]


def test_mht_saved_page(tmp_path, national):
    seed = seed_files()[1]
    path = write_mht(seed.read_text(encoding="utf-8"), tmp_path / "存档 页面.mht")
    def statuses(result):  # the page's own publication date is read only from the page
        return [e.status for e in result.elements if e.id != "published_on_time"]

    assert statuses(national.score_path(path).result) == statuses(national.score_path(seed).result)


@pytest.mark.parametrize("page", ["", "   ", "<html></html>", "<html><body><script>var a = 1;</script></body></html>", "<?xml version='1.0' encoding='utf-8'?><html/>"])
def test_a_page_without_article_text_is_a_clear_error(tmp_path, page):
    path = tmp_path / "空页面.html"
    path.write_text(page, encoding="utf-8")
    with pytest.raises(ReadError) as error:
        read_document(path)
    assert error.value.line().startswith(str(path))


def test_a_page_saved_by_a_browser_is_read_as_html_whatever_its_name(tmp_path):
    from scorer.read import read_document

    page = "<!-- saved from url=(0045)http://www.example.gov.cn/art/2024/3/15/1.html -->\n<html><head><title>某某市司法局2023年度法治政府建设情况报告</title></head><body><div><p>一、主要举措和成效</p><p>全面推进依法行政，办理复议案件12件。</p></div></body></html>"
    for name in ("saved.doc", "saved.txt"):
        path = tmp_path / name
        path.write_text(page, encoding="utf-8")
        document = read_document(path)
        assert "<html" not in document.text and "全面推进依法行政" in document.text
