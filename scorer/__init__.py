"""rolscore: scores 法治政府建设年度报告 against YAML rubrics.

Data flows one way: read -> normalise -> sections -> match -> score -> render.
"""

__version__ = "0.1.0"
