"""The few text patterns the exam needs beyond the extracted facts, one comment per rule.

The extractor already gives roles, frequencies, deadlines and sanctions; these
rules find what an exam also asks about and the extractor has no record for
(definitions, time limits), and tell a measure from a condition.
"""

from __future__ import annotations

import re

__all__ = [
    "BASIS_ONLY",
    "CONDITION",
    "DEFINITION",
    "DEPARTMENT_OF",
    "JOINT",
    "MEASURE_END",
    "MEASURE_INSIDE",
    "NAMES_A_SYSTEM",
    "NOT_A_CASE",
    "SENTENCE",
    "SERIES",
    "TIME_LIMIT",
]

# A sentence of a clause: up to 。；！？ or a line break (a clause's own list lines).
SENTENCE = re.compile(r"[^。；;！？\n]+[。；;！？]?")

# A definition: (三)较大事故，是指…; 本法所称公职人员，是指…; 危险物品，是指….
DEFINITION = re.compile(
    r"^(?:本(?:法|条例|规定|办法|意见|细则)所称(?:的)?)?"  # 本办法所称, when stated
    r"[“\"]?(?P<term>[\u4e00-\u9fff]{2,14}?)[”\"]?"  # the term, 2-14 characters
    r"[，,]?是指(?P<definition>[^。；]{4,})"  # 是指 and what it means, to the sentence end
)

# A time limit: 15日内, 三十分钟内, 1小时内, 30个工作日内 (a count, a unit, 内).
TIME_LIMIT = re.compile(
    r"(?P<count>[0-9]+|[一二两三四五六七八九十百]+)\s*(?P<unit>个工作日|日|天|小时|分钟|个月)内"
)

# A sanction text that states when it applies rather than what is done (终身追责's
# 不论是否已调离转岗、提拔或者退休): never an option among measures.
CONDITION = re.compile(r"^(?:不论|无论|不管)")

# A trigger that is a list marker or a document's report of itself, not a case.
NOT_A_CASE = re.compile(r"^(?:[一二三四五六七八九十]+是|明确了|规定了|提出了)")

# A quoted series of key terms: “党政同责、一岗双责、齐抓共管、失职追责”.
SERIES = re.compile(r"[“\"](?P<series>[^”\"]{2,12}(?:、[^”\"、]{2,12}){2,})[”\"]")

# What follows a government's name when the actor is one of its departments or bodies
# (县级以上地方人民政府负有…职责的部门, 人民政府安全生产监督管理部门, …组织的调查组).
DEPARTMENT_OF = re.compile(r"^[^，。；、和及与]{0,24}?(?:部门|机构|调查组|委员会|办公室)")

# A name for the Party and the government heads together (党政一把手, 党委、政府主要责任人):
# asking "who" of it has more than one right post.
JOINT = re.compile(r"党政|党委[、和及与]政府|党委（党组）、政府")

# A sanction word that names a system rather than a measure taken: “一票否决”制度,
# 通报约谈制度 (matched on the words right after it).
NAMES_A_SYSTEM = re.compile(r"^[”\"]|^[\u4e00-\u9fff]{0,4}(?:制度|机制)")

# An item's opening that states a basis and stops before its verb (指导督促纪检监察机关按照
# 生产安全事故调查处理相关规定，参与…): no task to offer as an option.
BASIS_ONLY = re.compile(r"(?:按照|根据|依照|依据)[^，。；]*(?:规定|要求|原则|精神|办法)$")

# Where the predicate a measure opens ends: 从重追究 -> 从重追究责任, 不得晋升 -> 不得晋升职务、
# 级别或者重用任职 (an option fills the whole predicate, so every option fits the blank).
MEASURE_END = re.compile(r"[，,；;。\n]")

# A measure word inside something else, not a predicate of its own: a list member (…、降职、
# 免职), an object (应当受到处分的…), a noun's modifier or part (处分的种类, 处分幅度,
# 组织处理和党纪政纪处分…, 被处分人), a condition or a lead (追究刑事责任的同时, 免去职务前,
# 从重给予政务处分：). Matched on the words before it, right after it, and at its end.
MEASURE_INSIDE = {
    "before": re.compile(r"(?:、|受到|的|被|尽职|失职)$"),  # …、降职; 受到处分; 尽职照单免责
    "next": re.compile(r"(?:的|和|与|人|幅度|种类|决定|暂行)"),  # used with match(): anchored
    "end": re.compile(r"(?:的|时|前|后|规定|依据|[:：》])$"),
}
