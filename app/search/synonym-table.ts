// The one synonym table of catalog search (data only, so the UI may use it without the tokenizer):
// the embedded engine expands queries with it, the Meilisearch adapter sends it as its `synonyms`
// setting (synonyms.ts), and English reason chips take English forms of Chinese terms from it
// (keyword-forms.ts). Every phrase in a group is equivalent to every other one.
//
// It names every coded value (sector, region, stage; app/domain/fairs/codes.ts) in both languages
// — each code's zh-CN and English labels from the core catalog (a unit test holds them in) plus the
// names people also use — and a few topics that are not codes. Within a group, each Chinese phrase
// is followed by its English forms (the first is the one shown to English readers).

/** Names of the coded values, by facet and code. */
export const CODE_SYNONYMS = {
  sector: {
    "new-energy": ["新能源", "new energy", "清洁能源", "clean energy", "可再生能源", "renewable energy"],
    biomedicine: [
      "生物医药",
      "biomedicine",
      "biomedical",
      "生物技术",
      "biotechnology",
      "biotech",
      "生物制药",
      "biopharmaceuticals",
      "biopharmaceutical",
      "biopharma",
    ],
    semiconductors: [
      "集成电路",
      "integrated circuits",
      "integrated circuit",
      "芯片",
      "chips",
      "chip",
      "半导体",
      "semiconductors",
      "semiconductor",
    ],
    "advanced-manufacturing": [
      "高端装备",
      "advanced equipment",
      "high-end equipment",
      "高端装备制造",
      "advanced manufacturing",
      "先进制造",
    ],
    "digital-economy": ["数字经济", "digital economy"],
  },
  region: {
    nanjing: ["南京", "Nanjing", "南京市"],
    suzhou: ["苏州", "Suzhou", "苏州市"],
    wuxi: ["无锡", "Wuxi", "无锡市"],
    changzhou: ["常州", "Changzhou", "常州市"],
    nantong: ["南通", "Nantong", "南通市"],
    yangzhou: ["扬州", "Yangzhou", "扬州市"],
    xuzhou: ["徐州", "Xuzhou", "徐州市"],
    shanghai: ["上海", "Shanghai", "上海市"],
    hangzhou: ["杭州", "Hangzhou", "杭州市"],
    shenzhen: ["深圳", "Shenzhen", "深圳市"],
    beijing: ["北京", "Beijing", "北京市"],
    hongkong: ["香港", "Hong Kong", "HongKong", "香港特别行政区"],
    singapore: ["新加坡", "Singapore"],
  },
  stage: {
    SEED: ["种子轮", "seed round", "seed", "种子期"],
    ANGEL: ["天使轮", "angel round", "angel", "天使期"],
    // "A 轮", "A轮" and "Series A" are one token to both engines, seriesa (synonyms.ts)
    SERIES_A: ["A 轮", "Series A", "A轮"],
    SERIES_B: ["B 轮", "Series B", "B轮"],
    GROWTH: ["成长期", "growth stage", "growth"],
    PRE_IPO: ["Pre-IPO", "preipo", "上市前"],
  },
} as const satisfies Record<"sector" | "region" | "stage", Record<string, readonly string[]>>;

/** Topics that are not coded values. */
const TOPIC_SYNONYMS: readonly (readonly string[])[] = [
  ["汽车", "vehicles", "vehicle", "automotive"],
  ["电动汽车", "electric vehicles", "electric vehicle", "ev", "evs"],
  ["智能制造", "smart manufacturing", "intelligent manufacturing"],
  ["人工智能", "artificial intelligence", "ai"],
  ["储能", "energy storage"],
  ["光伏", "photovoltaics", "photovoltaic", "pv", "solar"],
  ["动力电池", "power batteries", "power battery", "traction battery", "traction batteries"],
  ["电池", "batteries", "battery"],
  ["氢能", "hydrogen energy", "hydrogen"],
  ["风电", "wind power", "wind energy"],
  ["医疗器械", "medical devices", "medical device"],
  ["创新药", "innovative drugs", "innovative drug", "novel drug", "novel drugs"],
  ["基因治疗", "gene therapy", "gene therapies"],
  ["机器人", "robots", "robot", "robotics"],
  ["工业互联网", "industrial internet", "industrial iot"],
  ["物联网", "internet of things", "iot"],
  ["云计算", "cloud computing"],
  ["大数据", "big data"],
  ["新材料", "new materials", "advanced materials"],
  ["航空航天", "aerospace"],
  // roadshows (云推介, ADR 031): their documents and the fairs' programmes are filed under these too
  ["云推介", "online roadshows", "online roadshow", "路演", "roadshows", "roadshow", "推介会"],
];

export const SYNONYM_GROUPS: readonly (readonly string[])[] = [
  ...Object.values(CODE_SYNONYMS).flatMap((codes) => Object.values(codes) as readonly (readonly string[])[]),
  ...TOPIC_SYNONYMS,
];
