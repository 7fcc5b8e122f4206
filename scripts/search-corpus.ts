// Deterministic bilingual catalog corpus for the search benchmark: booths, projects and products
// of fictional exhibitors across five sectors, with zh/en titles, organisation names and
// descriptions built from sector vocabularies. Same seed → same documents.
import { codeLabels } from "../app/search/labels.ts";
import type { CatalogDoc, DocType, SortOrder, SearchQuery } from "../app/search/port.ts";

import { SECTOR_CODES } from "../app/domain/fairs/codes.ts";
import { mulberry32 as prng } from "../matching/schedule/random.ts";
export { prng };

type Pair = readonly [zh: string, en: string];

export const SECTORS = SECTOR_CODES;

const TOPICS: Record<(typeof SECTORS)[number], Pair[]> = {
  "new-energy": [
    ["动力电池", "power batteries"],
    ["固态电池", "solid-state batteries"],
    ["储能系统", "energy storage systems"],
    ["光伏组件", "photovoltaic modules"],
    ["氢燃料电池", "hydrogen fuel cells"],
    ["充电桩", "EV charging piles"],
    ["海上风电", "offshore wind power"],
    ["新能源汽车", "new energy vehicles"],
    ["智能电网", "smart grid"],
    ["电池回收", "battery recycling"],
    ["钠离子电池", "sodium-ion batteries"],
    ["分布式光伏", "distributed solar"],
    ["电驱动系统", "electric drive systems"],
    ["热管理系统", "thermal management systems"],
    ["虚拟电厂", "virtual power plants"],
  ],
  biomedicine: [
    ["创新药", "innovative drugs"],
    ["抗体药物", "antibody drugs"],
    ["基因治疗", "gene therapy"],
    ["细胞治疗", "cell therapy"],
    ["医疗器械", "medical devices"],
    ["体外诊断", "in-vitro diagnostics"],
    ["疫苗研发", "vaccine development"],
    ["生物制药", "biopharmaceutical manufacturing"],
    ["高端影像设备", "advanced imaging equipment"],
    ["手术机器人", "surgical robots"],
    ["合成生物", "synthetic biology"],
    ["核酸药物", "nucleic acid drugs"],
    ["中药现代化", "modern traditional Chinese medicine"],
    ["医用耗材", "medical consumables"],
    ["生物材料", "biomaterials"],
  ],
  semiconductors: [
    ["集成电路设计", "integrated circuit design"],
    ["芯片封装测试", "chip packaging and testing"],
    ["晶圆制造", "wafer fabrication"],
    ["功率半导体", "power semiconductors"],
    ["传感器芯片", "sensor chips"],
    ["射频芯片", "RF chips"],
    ["存储芯片", "memory chips"],
    ["光刻材料", "lithography materials"],
    ["碳化硅器件", "silicon carbide devices"],
    ["人工智能芯片", "AI accelerator chips"],
    ["模拟芯片", "analog chips"],
    ["车规级芯片", "automotive-grade chips"],
    ["半导体设备", "semiconductor equipment"],
    ["电子特气", "electronic specialty gases"],
    ["先进封装", "advanced packaging"],
  ],
  "advanced-manufacturing": [
    ["工业机器人", "industrial robots"],
    ["数控机床", "CNC machine tools"],
    ["高端装备", "advanced equipment"],
    ["智能制造", "smart manufacturing"],
    ["精密减速器", "precision reducers"],
    ["激光加工设备", "laser processing equipment"],
    ["增材制造", "additive manufacturing"],
    ["航空航天零部件", "aerospace components"],
    ["轨道交通装备", "rail transit equipment"],
    ["工程机械", "construction machinery"],
    ["伺服电机", "servo motors"],
    ["工业视觉检测", "machine vision inspection"],
    ["协作机器人", "collaborative robots"],
    ["新材料", "new materials"],
    ["船舶海工装备", "marine engineering equipment"],
  ],
  "digital-economy": [
    ["工业互联网", "industrial internet"],
    ["云计算平台", "cloud computing platform"],
    ["大数据分析", "big data analytics"],
    ["人工智能", "artificial intelligence"],
    ["数字孪生", "digital twins"],
    ["跨境电商", "cross-border e-commerce"],
    ["智慧城市", "smart city"],
    ["区块链", "blockchain"],
    ["网络安全", "cyber security"],
    ["物联网平台", "IoT platform"],
    ["数字经济", "digital economy"],
    ["智能客服", "intelligent customer service"],
    ["自动驾驶软件", "autonomous driving software"],
    ["金融科技", "fintech"],
    ["数据中心", "data centers"],
  ],
};

const REGIONS: { code: string; zh: string; en: string }[] = [
  { code: "suzhou", zh: "苏州", en: "Suzhou" },
  { code: "nanjing", zh: "南京", en: "Nanjing" },
  { code: "wuxi", zh: "无锡", en: "Wuxi" },
  { code: "shanghai", zh: "上海", en: "Shanghai" },
  { code: "changzhou", zh: "常州", en: "Changzhou" },
  { code: "hangzhou", zh: "杭州", en: "Hangzhou" },
  { code: "hefei", zh: "合肥", en: "Hefei" },
  { code: "nantong", zh: "南通", en: "Nantong" },
];

const ORG_CORES: Pair[] = [
  ["华芯", "Huaxin"],
  ["中科", "Zhongke"],
  ["瑞能", "Ruineng"],
  ["恒信", "Hengxin"],
  ["博远", "Boyuan"],
  ["天合", "Tianhe"],
  ["君实", "Junshi"],
  ["星海", "Xinghai"],
  ["金陵", "Jinling"],
  ["东方", "Dongfang"],
  ["联创", "Lianchuang"],
  ["汇川", "Huichuan"],
  ["绿能", "Lvneng"],
  ["普源", "Puyuan"],
  ["信达", "Xinda"],
  ["康宁", "Kangning"],
  ["睿思", "Ruisi"],
  ["领航", "Linghang"],
  ["启明", "Qiming"],
  ["长风", "Changfeng"],
  ["宏图", "Hongtu"],
  ["泽润", "Zerun"],
  ["云帆", "Yunfan"],
  ["海川", "Haichuan"],
  ["九州", "Jiuzhou"],
  ["凯德", "Kaide"],
  ["盛华", "Shenghua"],
  ["新元", "Xinyuan"],
  ["智源", "Zhiyuan"],
  ["和光", "Heguang"],
  ["百川", "Baichuan"],
  ["青禾", "Qinghe"],
  ["晨曦", "Chenxi"],
  ["明德", "Mingde"],
  ["远景", "Yuanjing"],
  ["卓越", "Zhuoyue"],
  ["华睿", "Huarui"],
  ["安泰", "Antai"],
  ["鼎盛", "Dingsheng"],
  ["精诚", "Jingcheng"],
];
const ORG_KINDS: Record<(typeof SECTORS)[number], Pair[]> = {
  "new-energy": [
    ["新能源科技有限公司", "New Energy Technology Co., Ltd."],
    ["能源股份有限公司", "Energy Co., Ltd."],
    ["电池科技有限公司", "Battery Technology Co., Ltd."],
  ],
  biomedicine: [
    ["生物医药有限公司", "Biopharma Co., Ltd."],
    ["生物科技有限公司", "Biotech Co., Ltd."],
    ["医疗器械有限公司", "Medical Devices Co., Ltd."],
  ],
  semiconductors: [
    ["微电子有限公司", "Microelectronics Co., Ltd."],
    ["半导体有限公司", "Semiconductor Co., Ltd."],
    ["集成电路有限公司", "Integrated Circuit Co., Ltd."],
  ],
  "advanced-manufacturing": [
    ["智能装备有限公司", "Intelligent Equipment Co., Ltd."],
    ["机器人有限公司", "Robotics Co., Ltd."],
    ["精密机械有限公司", "Precision Machinery Co., Ltd."],
  ],
  "digital-economy": [
    ["数字科技有限公司", "Digital Technology Co., Ltd."],
    ["信息技术有限公司", "Information Technology Co., Ltd."],
    ["网络科技有限公司", "Network Technology Co., Ltd."],
  ],
};

const APPLICATIONS: Pair[] = [
  ["汽车制造", "automotive manufacturing"],
  ["医疗机构", "hospitals"],
  ["电力系统", "power systems"],
  ["消费电子", "consumer electronics"],
  ["工业自动化", "industrial automation"],
  ["通信基站", "telecom base stations"],
  ["城市治理", "city governance"],
  ["物流仓储", "logistics and warehousing"],
  ["航空航天", "aerospace"],
  ["金融服务", "financial services"],
  ["农业生产", "agriculture"],
  ["轨道交通", "rail transit"],
];
const STRENGTHS: Pair[] = [
  ["核心团队来自知名高校和龙头企业", "the core team comes from leading universities and industry champions"],
  ["已建成规模化生产线", "a production line at scale is already running"],
  ["产品通过国际认证", "products hold international certifications"],
  ["与多家上市公司建立长期合作", "long-term partnerships with several listed companies"],
  ["拥有省级工程技术研究中心", "a provincial engineering research centre"],
  ["连续三年营收增长超过百分之五十", "revenue has grown over fifty percent a year for three years"],
  ["入选国家级专精特新小巨人企业", "recognised as a national specialised and innovative SME"],
  ["技术指标达到国际先进水平", "performance on par with international leaders"],
];
const USES: Pair[] = [
  ["扩大产能", "expand capacity"],
  ["研发投入", "fund research and development"],
  ["市场拓展", "grow sales channels"],
  ["海外布局", "enter overseas markets"],
  ["临床试验", "run clinical trials"],
  ["建设新工厂", "build a new plant"],
];
const PRODUCT_WORDS: Pair[] = [
  ["解决方案", "solution"],
  ["系统", "system"],
  ["模组", "module"],
  ["平台", "platform"],
  ["设备", "equipment"],
  ["套件", "kit"],
];
const STAGES = ["SEED", "ANGEL", "SERIES_A", "SERIES_B", "SERIES_C", "PRE_IPO"] as const;
const HALLS: Record<(typeof SECTORS)[number], string> = {
  "new-energy": "energy",
  biomedicine: "bio",
  semiconductors: "chips",
  "advanced-manufacturing": "equipment",
  "digital-economy": "digital",
};
const HALL_NAMES: Record<(typeof SECTORS)[number], Pair> = {
  "new-energy": ["新能源馆", "New Energy Hall"],
  biomedicine: ["生物医药馆", "Biomedicine Hall"],
  semiconductors: ["集成电路馆", "Integrated Circuits Hall"],
  "advanced-manufacturing": ["高端装备馆", "Advanced Equipment Hall"],
  "digital-economy": ["数字经济馆", "Digital Economy Hall"],
};

export interface CorpusOptions {
  docs: number;
  seed?: number;
  fairs?: number;
}

export function generateCorpus({ docs, seed = 20261208, fairs = 6 }: CorpusOptions): CatalogDoc[] {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const base = Date.UTC(2025, 0, 1);
  const out: CatalogDoc[] = [];
  let booth: {
    id: string;
    fair: number;
    sector: (typeof SECTORS)[number];
    region: (typeof REGIONS)[number];
    org: Pair;
    tier: string;
  } | null = null;
  let boothSeq = 0;
  for (let i = 0; i < docs; i++) {
    // every booth: the booth document followed by ~2 projects and ~3 products
    let type: DocType;
    if (!booth || rnd() < 1 / 6) {
      const sector = pick(SECTORS);
      const region = pick(REGIONS);
      const core = pick(ORG_CORES);
      const kind = pick(ORG_KINDS[sector]);
      booth = {
        id: `b${(boothSeq++).toString(36)}`,
        fair: Math.floor(rnd() * fairs),
        sector,
        region,
        org: [`${region.zh}${core[0]}${kind[0]}`, `${region.en} ${core[1]} ${kind[1]}`],
        tier: rnd() < 0.25 ? "premium" : "standard",
      };
      type = "booth";
    } else type = rnd() < 0.45 ? "project" : "product";
    const { sector, region, org } = booth;
    const topic = pick(TOPICS[sector]);
    const topic2 = pick(TOPICS[sector]);
    const app = pick(APPLICATIONS);
    const strength = pick(STRENGTHS);
    const patents = 3 + Math.floor(rnd() * 80);
    let titleZh: string, titleEn: string, textZh: string, textEn: string;
    let amount: number | null = null;
    let stage: string | null = null;
    if (type === "booth") {
      titleZh = `${org[0]}展位`;
      titleEn = `${org[1]} booth`;
      textZh = `${org[0]}专注于${topic[0]}和${topic2[0]}，产品广泛应用于${app[0]}。公司拥有发明专利${patents}项，${strength[0]}。欢迎洽谈合作。`;
      textEn = `${org[1]} focuses on ${topic[1]} and ${topic2[1]}, serving ${app[1]}. The company holds ${patents} invention patents; ${strength[1]}. Partners welcome.`;
    } else if (type === "project") {
      stage = pick(STAGES);
      const wan = (5 + Math.floor(rnd() * 200)) * 100 * (stage === "SEED" || stage === "ANGEL" ? 1 : 5); // 万元
      amount = rnd() < 0.1 ? null : wan * 10_000 * 100; // minor units (fen)
      const use = pick(USES);
      titleZh = `${region.zh}${topic[0]}产业化项目`;
      titleEn = `${topic[1]} industrialisation project in ${region.en}`;
      textZh = `本项目面向${app[0]}，开发${topic[0]}与${topic2[0]}关键技术，${strength[0]}。计划融资${amount == null ? "面议" : `${wan}万元`}，用于${use[0]}。`;
      textEn = `The project develops key ${topic[1]} and ${topic2[1]} technology for ${app[1]}; ${strength[1]}. Funds will ${use[1]}.`;
    } else {
      const w = pick(PRODUCT_WORDS);
      const model = `${String.fromCharCode(65 + Math.floor(rnd() * 26))}${100 + Math.floor(rnd() * 900)}`;
      titleZh = `${topic[0]}${w[0]} ${model}`;
      titleEn = `${topic[1]} ${w[1]} ${model}`;
      textZh = `${model}型${topic[0]}${w[0]}适用于${app[0]}，${strength[0]}，支持定制。`;
      textEn = `The ${model} ${topic[1]} ${w[1]} for ${app[1]}; ${strength[1]}. Customisation available.`;
    }
    const entityId = type === "booth" ? booth.id : `${type[0]}${i.toString(36)}`;
    out.push({
      id: `${type}:${entityId}`,
      type,
      entityId,
      boothId: booth.id,
      fairId: `fair${booth.fair}`,
      fairSlug: `fair-${booth.fair}`,
      hall: HALLS[sector],
      sector,
      region: region.code,
      stage,
      tier: booth.tier,
      titleZh,
      titleEn,
      orgZh: org[0],
      orgEn: org[1],
      textZh,
      textEn,
      ...codeLabels({
        sector,
        region: region.code,
        stage,
        hallZh: HALL_NAMES[sector][0],
        hallEn: HALL_NAMES[sector][1],
      }),
      amount,
      currency: amount == null ? null : "CNY",
      createdAt: base + Math.floor(rnd() * 700 * 86_400_000),
      logoKey: null,
    });
  }
  return out;
}

const QUERY_TERMS = [
  "新能源",
  "新能源汽车",
  "电池",
  "动力电池",
  "储能",
  "光伏",
  "医药",
  "生物医药",
  "创新药",
  "医疗器械",
  "集成电路",
  "芯片",
  "半导体",
  "机器人",
  "工业互联网",
  "人工智能",
  "数字经济",
  "苏州",
  "南京 芯片",
  "无锡 储能",
  "江苏省生物医药产业投资洽谈会",
  "battery",
  "solar",
  "biotech",
  "biotechnology",
  "chips",
  "integrated circuits",
  "robot",
  "new energy",
  "energy storage",
  "digital economy",
  "gene therapy",
  "medical devices",
  "cloud",
  "AI chips",
  "smart grid",
  "Suzhou",
  "laser",
  "wafer",
  "semi",
  "robo",
  "biotecnology",
  "semiconducter",
  "photovoltac",
  "baterry",
  "inteligence",
  "manufacturng",
];
const SORTS: SortOrder[] = ["relevance", "relevance", "relevance", "amount:desc", "amount:asc", "newest"];

/** A deterministic mix of Chinese, English and misspelled queries with filters, sorts and pages. */
export function generateQueries(n: number, seed = 7): SearchQuery[] {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const out: SearchQuery[] = [];
  for (let i = 0; i < n; i++) {
    const q: SearchQuery = {
      q: rnd() < 0.05 ? "" : pick(QUERY_TERMS),
      sort: pick(SORTS),
      page: rnd() < 0.8 ? 1 : 2,
      perPage: 20,
      facets: ["sector", "region", "type", "stage"],
    };
    const filters: NonNullable<SearchQuery["filters"]> = {};
    if (rnd() < 0.3) filters.sector = [pick(SECTORS)];
    if (rnd() < 0.3) filters.region = rnd() < 0.5 ? [pick(REGIONS).code] : [pick(REGIONS).code, pick(REGIONS).code];
    if (rnd() < 0.2) filters.type = [pick(["booth", "project", "product"] as const)];
    if (rnd() < 0.2) filters.fairId = [`fair${Math.floor(rnd() * 6)}`];
    if (Object.keys(filters).length) q.filters = filters;
    out.push(q);
  }
  return out;
}
