"""The fixed words the documents print, per language, overridable in the outline.

Labels are the only strings with placeholders (`{page}`, `{pages}`, `{n}`, `{date}`):
`format_label` fills them. User text is never formatted, so `{x}` in an outline is literal.

The punctuation that joins words is a label too (`lead_in`, `parenthetical`, `list_separator`,
`full_stop`, `attribution`, ...), so no writer builds "Label: text" or "name (unit)" itself:
in Chinese they are "标签：文字" and "名称（单位）", with full-width punctuation and no space.
Timeline categories are printed by their `category_<id>` label (overridable, also for a
category the table does not know); dates by `date_*` (in words) and `date_short_*` (in tables
and on the timeline: ISO in English, words in Chinese).
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from types import MappingProxyType

EN: Mapping[str, str] = MappingProxyType(
    {
        "exhibit": "Exhibit {n}",
        "contents": "Contents",
        "summary": "Summary",
        "objectives": "Learning objectives",
        "protagonist": "The protagonist",
        "organisation": "The organisation",
        "born": "Born",
        "education": "Education",
        "roles": "Roles",
        "founded": "Founded",
        "headquarters": "Headquarters",
        "journey": "The journey",
        "journey_title": "Milestones, {first}-{last}",
        "pillars": "Strategic pillars",
        "points": "Key points",
        "evidence": "Evidence",
        "key_figures": "Key figures",
        "comparison": "Comparison",
        "lessons": "Lessons for leaders",
        "what_they_did": "What {name} did",
        "for_your_company": "What this means for your company",
        "reflection": "Reflection",
        "outlook": "Outlook",
        "quotes": "In their words",
        "questions": "Discussion questions",
        "prompts": "Prompts",
        "sources": "Sources",
        "source": "Source",
        "sources_line": "Sources",
        "as_of": "As of {date}",
        "note": "Note",
        "teaching_note": "Teaching note",
        "instructor_only": "Instructor only",
        "instructor_edition": "Instructor edition",
        "participant_edition": "Participant edition",
        "class_plan": "Class plan",
        "board_plan": "Board plan",
        "suggested_answers": "Suggested answers",
        "fact_checks": "Fact-check notes",
        "claim": "Claim",
        "verdict": "Verdict",
        "truth": "What is true",
        "minutes": "{n} min",
        "total": "Total",
        "agenda": "Agenda",
        "segment": "Segment",
        "page_of": "Page {page} of {pages}",
        "accessed": "accessed {date}",
        "participant": "Participant",
        "cohort": "Cohort",
        "notes_for_you": "Your notes",
        "thank_you": "Thank you",
        "continued": "continued",
        "verdict_correct": "correct",
        "verdict_partly": "partly true",
        "verdict_dated": "out of date",
        "verdict_wrong": "wrong",
        "verdict_unverifiable": "unverifiable",
        "verdict_claim": "company claim",
        "date": "Date",
        "milestone": "Milestone",
        "detail": "Detail",
        "pillar": "Pillar",
        "duration": "Minutes",
        "activity": "Activity",
        "lead_in": "{text}: ",
        "ask_the_room": "Ask the room",
        "set_in": "Set in {date}",
        "decision": "The decision",
        "decision_question": "What must be decided",
        "decider": "Who decides",
        "deadline": "By when",
        "options": "Options",
        "constraints": "Constraints",
        "epilogue": "Epilogue: what happened next",
        "takeaways": "Takeaways: the lessons for leaders",
        "your_recommendation": "Your recommendation",
        "recommendation_prompt": "Which option would you choose, on what conditions, and how would you explain it?",
        "date_year": "{year}",
        "date_month": "{month} {year}",
        "date_day": "{day} {month} {year}",
        "month_1": "January",
        "month_2": "February",
        "month_3": "March",
        "month_4": "April",
        "month_5": "May",
        "month_6": "June",
        "month_7": "July",
        "month_8": "August",
        "month_9": "September",
        "month_10": "October",
        "month_11": "November",
        "month_12": "December",
        "date_short_year": "{year}",
        "date_short_month": "{year}-{month:02d}",
        "date_short_day": "{year}-{month:02d}-{day:02d}",
        "parenthetical": "{text} ({extra})",
        "list_separator": ", ",
        "item_separator": "; ",
        "clause_separator": ", ",
        "separator": " · ",
        "full_stop": ".",
        "attribution": "— {who}",
        "category_career": "Career",
        "category_company": "Company",
        "category_product": "Product",
        "category_market": "Market",
    }
)

ZH_HANS: Mapping[str, str] = MappingProxyType(
    {
        "exhibit": "图表 {n}",
        "contents": "目录",
        "summary": "摘要",
        "objectives": "学习目标",
        "protagonist": "主人公",
        "organisation": "组织",
        "born": "出生",
        "education": "教育背景",
        "roles": "职务",
        "founded": "成立",
        "headquarters": "总部",
        "journey": "发展历程",
        "journey_title": "大事记（{first}—{last} 年）",
        "pillars": "战略支柱",
        "points": "要点",
        "evidence": "依据",
        "key_figures": "关键数据",
        "comparison": "对比",
        "lessons": "给领导者的启示",
        "what_they_did": "{name}的做法",
        "for_your_company": "对贵公司的意义",
        "reflection": "思考",
        "outlook": "展望",
        "quotes": "原话",
        "questions": "讨论题",
        "prompts": "提示",
        "sources": "资料来源",
        "source": "来源",
        "sources_line": "来源",
        "as_of": "数据时间：{date}",
        "note": "注",
        "teaching_note": "教学笔记",
        "instructor_only": "仅供教师使用",
        "instructor_edition": "教师版",
        "participant_edition": "学员版",
        "class_plan": "课堂安排",
        "board_plan": "板书计划",
        "suggested_answers": "参考答案",
        "fact_checks": "事实核查",
        "claim": "说法",
        "verdict": "结论",
        "truth": "事实",
        "minutes": "{n} 分钟",
        "total": "合计",
        "agenda": "议程",
        "segment": "环节",
        "page_of": "第 {page} 页，共 {pages} 页",
        "accessed": "访问于 {date}",
        "participant": "学员",
        "cohort": "班级",
        "notes_for_you": "笔记",
        "thank_you": "谢谢",
        "continued": "续",
        "verdict_correct": "正确",
        "verdict_partly": "部分正确",
        "verdict_dated": "已过时",
        "verdict_wrong": "错误",
        "verdict_unverifiable": "无法核实",
        "verdict_claim": "公司说法",
        "date": "日期",
        "milestone": "里程碑",
        "detail": "详情",
        "pillar": "支柱",
        "duration": "分钟",
        "activity": "活动",
        "lead_in": "{text}：",
        "ask_the_room": "向全班提问",
        "set_in": "案例时间：{date}",
        "decision": "待做的决策",
        "decision_question": "需要决定什么",
        "decider": "由谁决定",
        "deadline": "期限",
        "options": "可选方案",
        "constraints": "约束条件",
        "epilogue": "后记：此后发生了什么",
        "takeaways": "要点：给领导者的启示",
        "your_recommendation": "你的建议",
        "recommendation_prompt": "你会选择哪个方案？需要满足什么条件？你会如何向各方解释？",
        "date_year": "{year} 年",
        "date_month": "{year} 年 {month}",
        "date_day": "{year} 年 {month} {day} 日",
        **{f"month_{n}": f"{n} 月" for n in range(1, 13)},
        "date_short_year": "{year} 年",
        "date_short_month": "{year} 年 {month} 月",
        "date_short_day": "{year} 年 {month} 月 {day} 日",
        "parenthetical": "{text}（{extra}）",
        "list_separator": "、",
        "item_separator": "；",
        "clause_separator": "，",
        "separator": "\u3000",  # an ideographic space between the parts of a footer or caption
        "full_stop": "。",
        "attribution": "——{who}",
        "category_career": "职业",
        "category_company": "公司",
        "category_product": "产品",
        "category_market": "市场",
    }
)
CATEGORY = "category_"  # a label key for any timeline category the outline uses

TABLES: Mapping[str, Mapping[str, str]] = MappingProxyType({"en": EN, "zh": ZH_HANS})


def table_for(language: str) -> Mapping[str, str]:
    """The label table for a BCP 47 tag: its primary language, else English."""
    return TABLES.get(language.split("-")[0].lower(), EN)


def placeholders(template: str) -> set[str]:
    """The `{name}` fields a label template uses."""
    return {field for _, field, _, _ in string.Formatter().parse(template) if field}


def resolve_labels(language: str, overrides: Mapping[str, str]) -> dict[str, str]:
    """The language's table with the outline's overrides applied (keys checked elsewhere)."""
    return {**table_for(language), **overrides}


def format_label(template: str, **values: object) -> str:
    """Fill a label's placeholders; a label never receives user text as its template."""
    return template.format(**values)
