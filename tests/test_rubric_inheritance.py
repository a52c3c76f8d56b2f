"""What a rubric layer may do to the rubric it extends, and what it may not."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scorer.api import Scorer
from scorer.engine.compiled import get_compiled
from scorer.errors import RubricError
from scorer.rubric.layer import ElementOverride
from scorer.rubric.loader import load_rubric, resolve_rubric, resolve_spec
from scorer.rubric.model import Element, TermsRule
from scorer.rubric.problems import Problems


def write(folder: Path, name: str, body: str) -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(body).lstrip(), encoding="utf-8")
    return path


def element(rubric, element_id):
    return next(e for e in rubric.elements if e.id == element_id)


@pytest.fixture()
def province(tmp_path):
    return write(tmp_path, "province.yaml", """
        id: province
        title: 某省细则
        version: "1"
        extends: national
        basis: [某省年度报告工作指引]
        disable:
          - id: government_transparency
            reason: 本省政务公开单独考核
        overrides:
          - id: legal_adviser
            weight: 7
            required: true
            reason: 本省指引要求写明法律顾问
            add_terms:
              met: [法律顾问团队, 法律顾问]
          - id: normative_documents
            add_terms:
              met: [红头文件]
          - id: three_systems
            add_terms:
              checks:
                recording: [掌上执法]
        elements:
          - id: p_reform
            title: 本省改革
            weight: 3
            basis: 某省改革规定
            met: [{kind: terms, any: [最多跑一次]}]
            suggestion: 写明改革。
        """)


def test_override_replaces_only_the_fields_given(province):
    national, child = load_rubric("national"), load_rubric(str(province))
    old, new = element(national, "legal_adviser"), element(child, "legal_adviser")
    assert (new.weight, new.required) == (7, True)
    assert (new.title, new.basis, new.suggestion) == (old.title, old.basis, old.suggestion)


def test_add_terms_appends_without_repeating_and_keeps_the_rules_conditions(province):
    national, child = load_rubric("national"), load_rubric(str(province))
    old_rule, new_rule = element(national, "normative_documents").met[0], element(child, "normative_documents").met[0]
    assert new_rule.any == old_rule.any + ["红头文件"]
    assert new_rule.with_ == old_rule.with_ and new_rule.within == old_rule.within
    adviser = element(child, "legal_adviser").met[0]
    assert adviser.any.count("法律顾问") == 1 and adviser.any[-1] == "法律顾问团队"


def test_added_terms_take_effect_with_the_parents_conditions(province):
    verdict = {e.id: e.status for e in Scorer.open(str(province)).score_text("全年审查红头文件3件。").result.elements}
    assert verdict["normative_documents"] == "met"
    verdict = {e.id: e.status for e in Scorer.open(str(province)).score_text("印发红头文件3件。").result.elements}
    assert verdict["normative_documents"] == "missing"  # the parent's `with` (审查, 备案 ...) still applies


def test_terms_added_to_a_checklist_sub_check(province):
    child = load_rubric(str(province))
    recording = next(c for c in element(child, "three_systems").met[0].checks if c.id == "recording")
    assert recording.any == ["掌上执法"] and recording.regex


def test_disable_drops_the_element_and_records_why(province):
    resolved = resolve_rubric(str(province))
    assert "government_transparency" not in [e.id for e in resolved.rubric.elements]
    [gone] = resolved.disabled
    assert (gone.id, gone.layer, gone.reason) == ("government_transparency", "province", "本省政务公开单独考核")


def test_new_elements_come_after_the_inherited_ones(province):
    ids = [e.id for e in load_rubric(str(province)).elements]
    assert ids[-1] == "p_reform" and ids[0] == "measures_results"


def test_provenance_of_every_element(province):
    resolved = resolve_rubric(str(province))
    assert resolved.origins["p_reform"].added_by == "province"
    assert resolved.origins["measures_results"].added_by == "national"
    assert resolved.origins["measures_results"].changes == []
    [change] = resolved.origins["legal_adviser"].changes
    assert change.layer == "province" and change.reason == "本省指引要求写明法律顾问"
    assert "权重 5 → 7" in change.what and "法律顾问团队" in change.what
    assert resolved.settings["grades"] == "national" and resolved.settings["title"] == "province"
    assert resolved.rubric.basis[-1] == "某省年度报告工作指引"


def test_a_chain_of_three(province, tmp_path):
    department = write(tmp_path, "department.yaml", """
        id: department
        title: 某省某部门
        version: "2"
        extends: province
        basis: [部门规章]
        overrides:
          - id: legal_adviser
            weight: 9
          - id: p_reform
            add_terms:
              met: [一次都不跑]
        """)
    resolved = resolve_rubric(str(department))
    assert resolved.layer_ids == ["national", "province", "department"]
    assert element(resolved.rubric, "legal_adviser").weight == 9
    assert element(resolved.rubric, "legal_adviser").required is True  # from the middle layer
    assert element(resolved.rubric, "p_reform").met[0].any == ["最多跑一次", "一次都不跑"]
    assert [c.layer for c in resolved.origins["legal_adviser"].changes] == ["province", "department"]


def test_a_department_overlay_stacks_on_a_province():
    resolved = resolve_rubric("gansu+emergency")
    assert resolved.rubric.id == "gansu+emergency"
    assert resolved.layer_ids == ["national", "gansu", "emergency"]
    ids = [e.id for e in resolved.rubric.elements]
    assert {"gs_first_violation", "em_criminal_linkage"} <= set(ids)
    assert len(ids) == len(set(ids))


def test_an_overlay_from_another_root_does_not_stack(tmp_path):
    other = write(tmp_path, "other.yaml", Path(__file__).parents[1].joinpath("rubrics", "national.yaml").read_text(encoding="utf-8").replace("id: national", "id: other", 1))
    problems = Problems()
    assert resolve_spec(f"{other}+emergency", problems) is None
    assert "emergency 继承自 national，而 other 不是从它派生的" in problems.errors[0].message


def test_extends_by_path_relative_to_the_file(tmp_path, monkeypatch):
    # ../base.yaml leaves the folder of the rubric named: allowed only under --rubrics-dir.
    monkeypatch.setenv("ROLSCORE_RUBRICS_DIR", str(tmp_path))
    (tmp_path / "sub").mkdir()
    write(tmp_path, "base.yaml", """
        id: base
        title: 基础
        version: "1"
        extends: national
        basis: [甲]
        overrides:
          - id: legal_adviser
            weight: 2
        """)
    child = write(tmp_path / "sub", "child.yaml", """
        id: child
        title: 子
        version: "1"
        extends: ../base.yaml
        basis: [乙]
        """)
    assert element(load_rubric(str(child)), "legal_adviser").weight == 2


def test_a_parent_named_by_id_must_carry_that_id(tmp_path):
    write(tmp_path, "zhejiang.yaml", """
        id: somewhere_else
        title: 名不副实
        version: "1"
        extends: national
        basis: [甲]
        """)
    child = write(tmp_path, "child.yaml", """
        id: child
        title: 子
        version: "1"
        extends: zhejiang
        basis: [乙]
        """)
    with pytest.raises(RubricError, match="的 id 是 “somewhere_else”"):
        resolve_rubric(str(child))


def test_a_rubric_extending_itself_is_a_cycle(tmp_path):
    me = write(tmp_path, "me.yaml", """
        id: me
        title: 自己
        version: "1"
        extends: me.yaml
        basis: [甲]
        """)
    with pytest.raises(RubricError, match="继承出现循环：.*me.yaml → .*me.yaml"):
        resolve_rubric(str(me))


def test_overriding_an_element_disabled_upstream_names_the_layer(province, tmp_path):
    child = write(tmp_path, "child.yaml", """
        id: child
        title: 子
        version: "1"
        extends: province
        basis: [乙]
        overrides:
          - id: government_transparency
            weight: 3
        """)
    with pytest.raises(RubricError, match="要覆盖的要素已被 province 停用（本省政务公开单独考核）"):
        resolve_rubric(str(child))


def test_a_field_that_cannot_be_empty_is_refused(tmp_path):
    child = write(tmp_path, "child.yaml", """
        id: child
        title: 子
        version: "1"
        extends: national
        basis: [乙]
        overrides:
          - id: legal_adviser
            suggestion: null
        """)
    with pytest.raises(RubricError, match="“suggestion” 不能设为空；要去掉这个要素请用 disable"):
        resolve_rubric(str(child))


def test_scope_can_be_reset_to_the_defaults(tmp_path):
    child = write(tmp_path, "child.yaml", """
        id: child
        title: 子
        version: "1"
        extends: national
        basis: [乙]
        overrides:
          - id: shortcomings_causes
            scope: null
        """)
    assert element(load_rubric(str(child)), "shortcomings_causes").scope is None


def test_editing_a_parent_is_seen_without_restarting(tmp_path):
    parent = write(tmp_path, "parent.yaml", """
        id: parent
        title: 父
        version: "1"
        extends: national
        basis: [甲]
        overrides:
          - id: legal_adviser
            weight: 2
        """)
    child = write(tmp_path, "child.yaml", """
        id: child
        title: 子
        version: "1"
        extends: parent.yaml
        basis: [乙]
        """)
    assert element(get_compiled(str(child)).rubric, "legal_adviser").weight == 2
    parent.write_text(parent.read_text(encoding="utf-8").replace("weight: 2", "weight: 3.5"), encoding="utf-8")
    assert element(get_compiled(str(child)).rubric, "legal_adviser").weight == 3.5


def test_an_override_can_set_every_field_of_an_element():
    settable = set(Element.model_fields) - {"id"}
    assert settable <= set(ElementOverride.model_fields)


_CJK_TERM = st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x4FFF), min_size=2, max_size=6)


@settings(max_examples=30, deadline=None)
@given(terms=st.lists(_CJK_TERM, min_size=1, max_size=6), weight=st.floats(min_value=0.1, max_value=50, allow_nan=False))
def test_adding_terms_is_the_parents_list_then_the_new_ones_once(tmp_path_factory, terms, weight):
    folder = tmp_path_factory.mktemp("prop")
    listed = ", ".join(f'"{t}"' for t in terms)
    child = write(folder, "child.yaml", f"""
        id: child
        title: 子
        version: "1"
        extends: national
        basis: [乙]
        overrides:
          - id: legal_adviser
            weight: {weight!r}
            add_terms:
              met: [{listed}]
        """)
    problems = Problems()
    resolved = resolve_spec(str(child), problems)
    assert not problems.errors
    parent_rule = element(load_rubric("national"), "legal_adviser").met[0]
    rule = element(resolved.rubric, "legal_adviser").met[0]
    assert isinstance(rule, TermsRule)
    assert rule.any == parent_rule.any + [t for t in dict.fromkeys(terms) if t not in parent_rule.any]
    assert element(resolved.rubric, "legal_adviser").weight == weight
    others = [e for e in resolved.rubric.elements if e.id != "legal_adviser"]
    assert others == [e for e in load_rubric("national").elements if e.id != "legal_adviser"]
