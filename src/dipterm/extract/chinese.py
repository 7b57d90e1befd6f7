"""The shape of Chinese names in Hanyu Pinyin: "Zhou Baozhong", "Wang Yi", "Liu Hongcai".

A common surname, then a given name of one or two syllables of Pinyin written as one word (or
with a hyphen: "Zhang Wei-hua"), with no capitalised word after it. English words spelt like
Pinyin ("Long", "Rise", "Shine") are not given names.
"""

from __future__ import annotations

import re

SURNAMES = (  # noqa: SIM905 (a line of names reads better than a list of strings)
    "Wang Li Zhang Liu Chen Yang Zhao Huang Zhou Wu Xu Sun Hu Zhu Gao Lin He Guo Ma Luo Liang "
    "Song Zheng Xie Han Tang Feng Yu Dong Xiao Cheng Cao Yuan Deng Fu Shen Zeng Peng Lu Su Jiang "
    "Cai Jia Ding Wei Xue Ye Yan Pan Du Dai Xia Zhong Tian Ren Fan Fang Shi Yao Tan Liao Zou "
    "Xiong Jin Hao Kong Bai Cui Kang Mao Qiu Qin Gu Hou Shao Meng Long Wan Duan Qian Yin Yi Qiao "
    "Lai Gong Wen Chai Shang Niu Lei Mo Qi Zhai Geng Ji Ning Hua Bao Xi Bi Chang Guan Zhan Ling "
    "Jing Ge Rao Rong Mi Tao Zhuang Yue Yun Lou Ou"
).split()

# Which finals each initial takes ("0": none): the syllables of Pinyin, about four hundred.
_FINALS = [
    ("j q x", "i ia ie iao iu ian in iang ing iong u ue uan un"),
    ("zh ch sh", "a e i ai ao ou an en ang eng u ua uo ui uan un uai uang"),
    ("zh sh z", "ei"),
    ("zh ch", "ong"),
    ("r", "e i ao ou an en ang eng ong u ua uo ui uan un"),
    ("z c s", "a e i ai ao ou an en ang eng ong u uo ui uan un"),
    ("b p m", "a o ai ei ao an en ang eng i ie iao ian in ing u"),
    ("p m f", "ou"),
    ("m", "e iu"),
    ("f", "a o ei an en ang eng u"),
    ("d t n l", "a e ai ao ou an ang eng ong i ie iao ian ing u uo uan"),
    ("d n l", "ei iu"),
    ("n l", "in iang"),
    ("l", "ia un ue"),
    ("d t", "un ui"),
    ("d", "ia"),
    ("n", "en"),
    ("g k h", "a e ai ei ao ou an en ang eng ong u ua uo uai ui uan un uang"),
    ("y", "a e ao ou an ang i in ing ong u ue uan un"),
    ("w", "a o ai ei an en ang eng u"),
    ("0", "a o e ai ei ao ou an en ang eng er"),
]
SYLLABLES = frozenset(
    (initial if initial != "0" else "") + final
    for initials, finals in _FINALS
    for initial in initials.split()
    for final in finals.split()
)
# English words of the bundled corpora spelt like one or two syllables of Pinyin.
ENGLISH_LOOKALIKES = frozenset(
    (  # noqa: SIM905
        "ace age aide aiding ailing aiming along an anger angle anti are ban banning bare base bier "
        "binding bone cabin cage cake came can care case chance change chanting cunning cure dance "
        "danger dare data date die dining douche due ending era eye face fame fan fate fence foe "
        "fuse gaining gala game gate gaze gene gong guide guiding gun handing hang he here house "
        "huge human hunting keen lame landing late laying lie like line lining long longer made "
        "maize make male man mange maze me mean media men mending menu mere mete mine mining mode "
        "mole more nice nine nuke ode one open ore pace page pan paying pen pending piano piece pile "
        "pine pole pose pure queen ran rang range rice riding ripen rise risen rite rouse route rude "
        "rule ruling run running sage sailing sake sale same sang saying sea see seen sending sense "
        "shade shake shame shaping share she sheer shine shining shouting side siren site size song "
        "suite sun sure take taken tale tide tiding tile tiling time touting tune wading wage "
        "waiting wake ware woe woman women you"
    ).split()
)
_SYLLABLE = "|".join(sorted(SYLLABLES, key=len, reverse=True))
_GIVEN = re.compile(rf"(?:{_SYLLABLE}){{1,2}}")
_SURNAMES = frozenset(SURNAMES)


def is_chinese_name(surname: str, given: str) -> bool:
    """Whether two words are a Chinese name by their shape."""
    first, hyphen, second = given.partition("-")  # "Wei-hua", as Taiwan and older texts write
    joined = first + second
    return bool(
        surname in _SURNAMES
        and 2 <= len(joined) <= 8
        and joined[0].isupper()
        and joined[1:].islower()
        and joined.isascii()
        and (not hyphen or (_GIVEN.fullmatch(first.lower()) and _GIVEN.fullmatch(second)))
        and given.lower() not in ENGLISH_LOOKALIKES
        and _GIVEN.fullmatch(joined.lower()) is not None
    )
