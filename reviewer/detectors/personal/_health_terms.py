"""Lexicon for the health detector (``health.py``).

Sources, written out by hand for this project (no list copied from a test generator):

* Diseases: common disease names grouped by the chapters of ICD-10 (WHO, International
  Statistical Classification of Diseases and Related Health Problems, 10th revision; adopted
  in China as GB/T 14396-2016《疾病分类与代码》).  Only names a person's record or a letter
  would use; chapter I/II/V/IX … are marked below.
* Procedures and treatments: ordinary clinical vocabulary (手术, 化疗, 透析 …) and the
  operation-name ending 术 as used in ICD-9-CM-3 Chinese edition headings.
* Laboratory tests and units: the routine panel of a 血常规/生化/肝功/肾功 report and the SI
  units printed on Chinese lab reports (mmol/L, μmol/L, g/L, U/L, ×10^9/L, mmHg …).
* Disability: GB/T 26341-2010《残疾人残疾分类和分级》 — seven classes (视力、听力、言语、
  肢体、智力、精神、多重残疾), each graded 一级 (most severe) to 四级; and the ten grades of
  GB/T 16180-2014《劳动能力鉴定 职工工伤与职业病致残等级》 (一级 … 十级伤残).
"""

from __future__ import annotations

# ICD-10 chapter I — certain infectious and parasitic diseases
INFECTIOUS = ("艾滋病", "获得性免疫缺陷综合征", "HIV感染", "乙肝", "乙型肝炎", "乙型病毒性肝炎", "丙肝", "丙型肝炎",
              "甲肝", "病毒性肝炎", "肺结核", "结核病", "骨结核", "淋巴结核", "梅毒", "淋病", "尖锐湿疣", "狂犬病",
              "布鲁氏菌病", "布病", "伤寒", "痢疾", "麻疹", "水痘", "手足口病", "猩红热", "流行性出血热", "血吸虫病",
              "包虫病", "疟疾", "新冠肺炎", "新型冠状病毒肺炎", "新型冠状病毒感染", "带状疱疹", "麻风病", "破伤风")
# chapter II — neoplasms
NEOPLASMS = ("癌症", "肺癌", "肝癌", "胃癌", "食管癌", "食道癌", "结肠癌", "直肠癌", "结直肠癌", "胰腺癌", "乳腺癌",
             "宫颈癌", "子宫内膜癌", "卵巢癌", "前列腺癌", "膀胱癌", "肾癌", "甲状腺癌", "鼻咽癌", "喉癌", "口腔癌",
             "骨癌", "皮肤癌", "胆管癌", "白血病", "淋巴瘤", "骨髓瘤", "多发性骨髓瘤", "恶性肿瘤", "良性肿瘤", "脑瘤",
             "脑肿瘤", "胶质瘤", "骨肉瘤", "肉瘤", "黑色素瘤", "肿瘤")
# chapter III — blood and immune
BLOOD = ("再生障碍性贫血", "地中海贫血", "缺铁性贫血", "血友病", "紫癜", "系统性红斑狼疮", "红斑狼疮", "免疫缺陷")
# chapter IV — endocrine, nutritional and metabolic
ENDOCRINE = ("糖尿病", "1型糖尿病", "2型糖尿病", "甲亢", "甲状腺功能亢进", "甲减", "甲状腺功能减退", "痛风",
             "高脂血症", "高尿酸血症", "肥胖症", "苯丙酮尿症", "侏儒症")
# chapter V — mental and behavioural
MENTAL = ("精神分裂症", "精神病", "精神障碍", "严重精神障碍", "抑郁症", "重度抑郁", "抑郁障碍", "双相情感障碍",
          "躁郁症", "焦虑症", "焦虑障碍", "强迫症", "偏执型精神病", "分裂情感性障碍", "创伤后应激障碍",
          "阿尔茨海默病", "老年痴呆", "痴呆", "智力障碍", "精神发育迟滞", "自闭症", "孤独症", "多动症",
          "注意缺陷多动障碍", "酒精依赖", "药物依赖", "厌食症")
# chapter VI — nervous system
NERVOUS = ("癫痫", "帕金森病", "帕金森", "脑瘫", "脑性瘫痪", "渐冻症", "肌萎缩侧索硬化", "多发性硬化", "重症肌无力",
           "偏头痛", "脑炎", "脑膜炎", "面瘫", "截瘫", "偏瘫", "高位截瘫", "植物人")
# chapters VII/VIII — eye and ear
EYE_EAR = ("白内障", "青光眼", "视网膜脱落", "视神经萎缩", "弱视", "失明", "双目失明", "耳聋", "神经性耳聋", "失聪",
           "聋哑", "中耳炎")
# chapter IX — circulatory
CIRCULATORY = ("高血压", "冠心病", "心脏病", "先天性心脏病", "风湿性心脏病", "心肌梗死", "心肌梗塞", "心梗",
               "心力衰竭", "心衰", "心律失常", "房颤", "心肌炎", "脑梗死", "脑梗塞", "脑梗", "脑出血", "脑溢血",
               "脑卒中", "中风", "脑血栓", "动脉瘤", "主动脉夹层", "静脉曲张", "脉管炎")
# chapter X — respiratory
RESPIRATORY = ("慢性阻塞性肺疾病", "慢阻肺", "肺气肿", "哮喘", "支气管哮喘", "支气管扩张", "肺炎", "尘肺", "尘肺病",
               "矽肺", "肺纤维化", "呼吸衰竭")
# chapter XI — digestive
DIGESTIVE = ("肝硬化", "肝衰竭", "胃溃疡", "十二指肠溃疡", "胃出血", "胰腺炎", "胆囊炎", "胆结石", "阑尾炎",
             "克罗恩病", "溃疡性结肠炎", "肠梗阻", "脂肪肝")
# chapters XII/XIII — skin, musculoskeletal
MUSCULOSKELETAL = ("银屑病", "牛皮癣", "类风湿关节炎", "类风湿性关节炎", "强直性脊柱炎", "股骨头坏死",
                   "腰椎间盘突出", "椎间盘突出", "颈椎病", "骨质疏松", "骨髓炎", "关节炎")
# chapter XIV — genitourinary
GENITOURINARY = ("尿毒症", "肾衰竭", "肾功能衰竭", "慢性肾衰竭", "慢性肾病", "肾病综合征", "肾炎", "肾结石",
                 "多囊肾", "前列腺增生")
# chapter XVII — congenital
CONGENITAL = ("唐氏综合征", "先天愚型", "脊柱裂", "唇腭裂", "兔唇", "先天性畸形", "成骨不全", "脆骨病",
              "先天性髋关节脱位", "罕见病")
# chapter XIX — injury
INJURY = ("骨折", "粉碎性骨折", "颅脑损伤", "脑外伤", "脊髓损伤", "烧伤", "烫伤", "截肢", "断指", "瘫痪")
# chronic / general conditions named in 救助 and 低保 files
GENERAL = ("慢性病", "重大疾病", "大病", "重病", "绝症", "罕见病", "职业病", "残疾")

DISEASES = (INFECTIOUS + NEOPLASMS + BLOOD + ENDOCRINE + MENTAL + NERVOUS + EYE_EAR + CIRCULATORY + RESPIRATORY
            + DIGESTIVE + MUSCULOSKELETAL + GENITOURINARY + CONGENITAL + INJURY)

# endings of a disease or condition name written after 患/确诊/诊断为 (ICD-10 index-term heads)
DISEASE_ENDINGS = ("病", "症", "癌", "瘤", "炎", "综合征", "障碍", "骨折", "损伤", "感染", "梗死", "梗塞", "出血",
                   "衰竭", "硬化", "畸形", "结石", "囊肿", "贫血", "瘫痪", "坏死", "突出", "溃疡", "积液", "肿大",
                   "增生", "狭窄", "闭塞", "穿孔", "脱落", "萎缩", "失明", "耳聋", "阳性")

# treatments and procedures
TREATMENTS = ("住院治疗", "入院治疗", "住院观察", "手术治疗", "化疗", "放疗", "放化疗", "靶向治疗",
              "免疫治疗", "血液透析", "腹膜透析", "透析", "肾移植", "肝移植", "骨髓移植", "造血干细胞移植",
              "器官移植", "心脏支架", "支架植入", "搭桥手术", "截肢手术", "康复治疗", "康复训练", "心理治疗",
              "精神科治疗", "重症监护")

# routine laboratory tests (血常规、生化、肝功、肾功、免疫) and measurements
LAB_TESTS = ("空腹血糖", "餐后血糖", "血糖", "糖化血红蛋白", "HbA1c", "血压", "收缩压", "舒张压", "血红蛋白", "Hb",
             "白细胞", "红细胞", "血小板", "中性粒细胞", "淋巴细胞", "肌酐", "血肌酐", "尿素氮", "尿酸", "尿蛋白",
             "谷丙转氨酶", "谷草转氨酶", "转氨酶", "ALT", "AST", "总胆红素", "胆红素", "白蛋白", "总胆固醇",
             "胆固醇", "甘油三酯", "低密度脂蛋白", "高密度脂蛋白", "CD4", "CD4细胞", "病毒载量", "HBV-DNA",
             "甲胎蛋白", "AFP", "癌胚抗原", "CEA", "心率", "体温", "血氧饱和度", "肺活量", "眼压", "视力",
             "BMI", "体重指数", "骨密度", "肾小球滤过率", "eGFR", "PSA", "TSH", "游离甲状腺素")
LAB_UNITS = ("mmol/L", "mmol/l", "μmol/L", "umol/L", "µmol/L", "mg/dL", "mg/dl", "mg/L", "g/L", "g/l", "U/L",
             "IU/L", "IU/mL", "mmHg", "kPa", "×10^9/L", "×10⁹/L", "x10^9/L", "×10^12/L", "个/μL", "个/uL",
             "cells/μL", "copies/mL", "copies/ml", "ng/mL", "ng/ml", "pg/mL", "mIU/L", "次/分", "bpm", "℃",
             "mL/min", "ml/min")

# tests whose result (阳性/阴性) says something about the person
TESTS_WITH_RESULT = ("核酸", "抗体", "抗原", "HIV", "艾滋病", "乙肝表面抗原", "HBsAg", "梅毒", "结核", "PPD",
                     "丙肝抗体", "病毒", "尿检", "毒品", "吗啡", "甲基苯丙胺")

# GB/T 26341-2010 disability classes (the class word before 残疾)
DISABILITY_CLASSES = ("视力", "听力", "言语", "肢体", "智力", "精神", "多重", "听力言语")
