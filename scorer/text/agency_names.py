"""Vocabulary classes for reading the name of a reporting agency.

- National organs (the State Council's ministries, commissions, administrations and
  their former names): they need no place, being the nation's own.
- Organ endings, longest first, for names such as 管理委员会, 街道办事处.
- Words that end like a place but are not one (社区, 辖区, 城镇 ...): 示范区 is no place.
"""

from __future__ import annotations

import re

# Ministries and commissions of the State Council, including names before the 2018 reform.
_MINISTRIES = (
    "外交部 国防部 国家发展和改革委员会 国家发展改革委 教育部 科学技术部 科技部 工业和信息化部 工信部 "
    "国家民族事务委员会 国家民委 公安部 国家安全部 民政部 司法部 财政部 人力资源和社会保障部 人力资源社会保障部 "
    "自然资源部 生态环境部 住房和城乡建设部 住房城乡建设部 交通运输部 水利部 农业农村部 商务部 "
    "文化和旅游部 国家卫生健康委员会 国家卫生健康委 退役军人事务部 应急管理部 中国人民银行 审计署 "
    "国土资源部 环境保护部 农业部 文化部 国家卫生和计划生育委员会 国家卫生计生委 监察部 海关总署 "
    "国务院国有资产监督管理委员会 国务院国资委"
).split()
# Administrations directly under the State Council: 国家税务总局, 国家统计局, 中国民用航空局 ...
# (格局, 布局, 大局 end in 局 and are no bureau: 国家层面形成新格局.)
_NATIONAL_BUREAU = r"(?:国家|中国)[\u4e00-\u9fff]{1,10}?(?:总局|(?<![格布大全开结当时])局|署)|[\u4e00-\u9fff]{2,8}?总署"
# (商务部门, 司法部门: the departments of a field anywhere, not the ministry.)
NATIONAL_ORGAN = re.compile(
    "(?:中华人民共和国)?(?:" + "|".join(sorted(map(re.escape, _MINISTRIES), key=len, reverse=True)) + f"|{_NATIONAL_BUREAU})(?!门)"
)

# Longest first, so that 管理委员会 is not read as 委员会 and 办事处 not as 办. Single
# characters exclude the common words they end: 格局, 大厅, 举办, 部署.
ORGAN_ENDINGS = (
    "人民政府办公室", "人民政府办公厅", "街道办事处", "管理委员会", "委员会办公室", "办事处", "办公室", "委员会",
    "人民政府", "管委会", "政府", "办公厅", "总局", "(?<![格布大全开结当时变])局", "(?<![大客展餐])厅", "委",
    "(?<![举创主协承开督包查代兴])办", "中心", "(?<![部签])署",
)

# A name ending like a place that is a kind of area, not a place: 社区, 示范区, 乡镇.
# (Only words that end no real place name: 山区, 城区 and 园区 end 青山区, 鹿城区, 工业园区.)
# A "place" made only of the words for kinds of place (乡镇街道, 城区街道) names none.
GENERIC_PLACE_CHARS = set("乡镇街道村社区县市省城")
NOT_A_PLACE = re.compile(
    r"(?:社区|辖区|小区|片区|景区|灾区|疫区|风险区|示范区|试验区|先行区|功能区|保护区|集聚区|承载区|核心区|"
    r"乡镇|城镇|村镇|集镇|小镇|城市|都市|超市|城乡|全县|全区|全市|全省|各县|各区|各市)$"
)

# Words of a sentence, never of a name: an organ or a place holding one is a clause.
# (和 may join the words of a name: 住房和城乡建设局, 文化和旅游部.)
SENTENCE_WORDS = re.compile(
    r"围绕|坚持|贯彻|落实|推进|推动|加强|深入|认真|(?<!依法治)全面(?!依法)|紧紧|按照|根据|上级|各项|部署|开展|"
    r"法治政府|报告|情况|总结|关于|现将|现就|在|及|对|以|把|将|为|了|是|的"
)
