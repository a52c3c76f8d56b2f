"""rolscore: scores 法治政府建设年度报告 against YAML rubrics.

Data flows one way: read -> text (normalise, sections) -> match -> engine (verdict, score) -> render;
the layers and their order are the table in tests/test_layers.py.
"""

__version__ = "0.1.0"
