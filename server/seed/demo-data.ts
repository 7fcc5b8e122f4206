// Vocabulary for the demo fair: bilingual, sector-specific, deterministic.
import type { ProjectStage } from "../../app/generated/prisma/client.ts";
import { mulberry32 } from "../../matching/schedule/random.ts";
import { REGION_CODES } from "../../app/domain/fairs/codes.ts";

export interface SectorVocab {
  code: string;
  hallZh: string;
  hallEn: string;
  nouns: [zh: string, en: string][];
  pitchZh: string;
  pitchEn: string;
}

export const SECTORS: SectorVocab[] = [
  {
    code: "new-energy",
    hallZh: "新能源馆",
    hallEn: "New Energy Hall",
    nouns: [
      ["储能科技", "Energy Storage Technology"],
      ["光伏", "Photovoltaics"],
      ["氢能", "Hydrogen Energy"],
      ["动力电池", "Power Battery"],
      ["新能源汽车", "New Energy Vehicles"],
      ["风电装备", "Wind Power Equipment"],
      ["智慧能源", "Smart Energy"],
    ],
    pitchZh: "聚焦新能源与绿色低碳，产品覆盖储能系统、光伏组件与动力电池，服务长三角新能源汽车产业链。",
    pitchEn:
      "Focused on new energy and low-carbon solutions: energy storage systems, photovoltaic modules and power batteries for the Yangtze River Delta EV supply chain.",
  },
  {
    code: "biomedicine",
    hallZh: "生物医药馆",
    hallEn: "Biomedicine Hall",
    nouns: [
      ["生物医药", "Biopharmaceuticals"],
      ["基因治疗", "Gene Therapy"],
      ["医疗器械", "Medical Devices"],
      ["创新药", "Innovative Medicines"],
      ["体外诊断", "In-vitro Diagnostics"],
      ["细胞治疗", "Cell Therapy"],
      ["生物材料", "Biomaterials"],
    ],
    pitchZh: "深耕生物医药与生物技术，拥有自主知识产权的创新药、医疗器械和体外诊断产品管线。",
    pitchEn:
      "A biotechnology and biopharma company with proprietary pipelines in innovative medicines, medical devices and in-vitro diagnostics.",
  },
  {
    code: "semiconductors",
    hallZh: "集成电路馆",
    hallEn: "Integrated Circuits Hall",
    nouns: [
      ["集成电路", "Integrated Circuits"],
      ["芯片设计", "Chip Design"],
      ["半导体材料", "Semiconductor Materials"],
      ["功率器件", "Power Devices"],
      ["封装测试", "Packaging and Testing"],
      ["传感器", "Sensors"],
      ["EDA 软件", "EDA Software"],
    ],
    pitchZh: "专注集成电路设计、制造与封测，为汽车电子、工业控制和通信提供高可靠芯片。",
    pitchEn:
      "Designs, manufactures and tests integrated circuits: high-reliability chips for automotive electronics, industrial control and telecoms.",
  },
  {
    code: "advanced-manufacturing",
    hallZh: "高端装备馆",
    hallEn: "Advanced Equipment Hall",
    nouns: [
      ["工业机器人", "Industrial Robotics"],
      ["数控机床", "CNC Machine Tools"],
      ["航空装备", "Aerospace Equipment"],
      ["智能装备", "Intelligent Equipment"],
      ["精密制造", "Precision Manufacturing"],
      ["轨道交通装备", "Rail Transit Equipment"],
      ["海工装备", "Marine Engineering Equipment"],
    ],
    pitchZh: "提供高端装备与智能制造整体解决方案，产品出口三十余个国家和地区。",
    pitchEn:
      "Complete advanced-equipment and smart-manufacturing solutions, exported to more than thirty countries and regions.",
  },
  {
    code: "digital-economy",
    hallZh: "数字经济馆",
    hallEn: "Digital Economy Hall",
    nouns: [
      ["工业互联网", "Industrial Internet"],
      ["云计算", "Cloud Computing"],
      ["人工智能", "Artificial Intelligence"],
      ["数据服务", "Data Services"],
      ["跨境电商", "Cross-border E-commerce"],
      ["智慧城市", "Smart City"],
      ["网络安全", "Cybersecurity"],
    ],
    pitchZh: "以数据和算法驱动产业数字化转型，服务制造、物流与城市治理等场景。",
    pitchEn: "Data- and AI-driven digital transformation for manufacturing, logistics and city governance.",
  },
];

export const BRANDS: [zh: string, en: string][] = [
  ["恒光", "Hengguang"],
  ["绿源", "Lvyuan"],
  ["晶澜", "Jinglan"],
  ["远航", "Yuanhang"],
  ["博睿", "Borui"],
  ["中科", "Zhongke"],
  ["华芯", "Huaxin"],
  ["天合", "Tianhe"],
  ["启明", "Qiming"],
  ["瑞康", "Ruikang"],
  ["领航", "Linghang"],
  ["云帆", "Yunfan"],
  ["锦程", "Jincheng"],
  ["海纳", "Haina"],
];

export const REGIONS: [code: string, zh: string, en: string][] = [
  ["nanjing", "南京", "Nanjing"],
  ["suzhou", "苏州", "Suzhou"],
  ["wuxi", "无锡", "Wuxi"],
  ["changzhou", "常州", "Changzhou"],
  ["nantong", "南通", "Nantong"],
  ["yangzhou", "扬州", "Yangzhou"],
  ["xuzhou", "徐州", "Xuzhou"],
];

/** Where demo investors are based: every region but the two smallest cities. */
export const INVESTOR_REGIONS = REGION_CODES.filter((r) => r !== "yangzhou" && r !== "xuzhou");

export const PROJECT_KINDS: [zh: string, en: string, stage: ProjectStage][] = [
  ["产业化项目", "Industrialization Project", "GROWTH"],
  ["扩产项目", "Capacity Expansion Project", "SERIES_B"],
  ["研发中心建设项目", "R&D Center Project", "SERIES_A"],
  ["天使轮融资", "Angel Round", "ANGEL"],
  ["Pre-IPO 融资", "Pre-IPO Round", "PRE_IPO"],
  ["种子轮融资", "Seed Round", "SEED"],
];

export const INVESTOR_NAMES: [zh: string, en: string][] = [
  ["金陵", "Jinling"],
  ["太湖", "Taihu"],
  ["长江", "Changjiang"],
  ["紫金", "Zijin"],
  ["东方", "Dongfang"],
  ["苏创", "Suchuang"],
  ["云岫", "Yunxiu"],
  ["鼎信", "Dingxin"],
  ["同创", "Tongchuang"],
  ["融智", "Rongzhi"],
  ["汇川", "Huichuan"],
  ["泰和", "Taihe"],
];
export const INVESTOR_KINDS: [zh: string, en: string][] = [
  ["资本", "Capital"],
  ["创投", "Ventures"],
  ["产业基金", "Industrial Fund"],
  ["投资", "Investment"],
];

export const STAGES: ProjectStage[] = ["SEED", "ANGEL", "SERIES_A", "SERIES_B", "GROWTH", "PRE_IPO"];

/** Small deterministic PRNG (mulberry32) so every fresh demo is identical. */
export function rng(seed: number) {
  const next = mulberry32(seed);
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)],
    sample: <T>(xs: readonly T[], n: number) =>
      [...xs]
        .map((x) => [next(), x] as const)
        .sort((p, q) => p[0] - q[0])
        .slice(0, n)
        .map((p) => p[1]),
  };
}
