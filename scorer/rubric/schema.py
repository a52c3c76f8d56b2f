"""`rubric schema`: the JSON Schema of a rubric file, generated from the pydantic models.

The bundled rubrics point at a committed copy (`rubrics/rubric.schema.json`) with a
`# yaml-language-server: $schema=...` first line, so editors complete keys and flag
mistakes while a province office writes its rubric. A test keeps the copy in step.
"""

from __future__ import annotations

import json

from scorer.rubric.layer import RubricFile

SCHEMA_FILE = "rubric.schema.json"
MODELINE = f"# yaml-language-server: $schema=./{SCHEMA_FILE}"


def rubric_schema() -> dict:
    schema = RubricFile.model_json_schema(mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **schema,
        "title": "rolscore 评分细则",
        "description": "法治政府建设年度报告评分细则（全国基准、省级细则或部门叠加细则）",
    }


def schema_text() -> str:
    return json.dumps(rubric_schema(), ensure_ascii=False, indent=2) + "\n"
