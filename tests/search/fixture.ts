// A small, realistic bilingual catalog for the search contract suite: 16 exhibitors across five
// sectors, each with a booth document, projects and products. Built only from public catalog
// fields — the builder has no place for contacts, drafts or anything private.
import { codeLabels } from "../../app/search/labels.ts";
import type { CatalogDoc, DocType } from "../../app/search/port.ts";

interface Exhibitor {
  key: string;
  fair: "a" | "b";
  sector: "new-energy" | "biomedicine" | "semiconductors" | "advanced-manufacturing" | "digital-economy";
  region: "suzhou" | "nanjing" | "wuxi" | "shanghai";
  tier: "standard" | "premium";
  org: [zh: string, en: string];
  booth: [zhText: string, enText: string];
  items: Item[];
}

interface Item {
  type: Exclude<DocType, "booth">;
  title: [zh: string, en: string];
  text: [zh: string, en: string];
  /** projects: yuan sought (stored in minor units), null = negotiable */
  yuan?: number | null;
  stage?: string;
}

const HALL = {
  "new-energy": "energy",
  biomedicine: "bio",
  semiconductors: "chips",
  "advanced-manufacturing": "equipment",
  "digital-economy": "digital",
} as const;

/** Hall names by hall slug (both fairs name their halls alike). */
export const HALL_NAMES: Record<(typeof HALL)[keyof typeof HALL], [zh: string, en: string]> = {
  energy: ["新能源馆", "New Energy Hall"],
  bio: ["生物医药馆", "Biomedicine Hall"],
  chips: ["集成电路馆", "Integrated Circuits Hall"],
  equipment: ["高端装备馆", "Advanced Equipment Hall"],
  digital: ["数字经济馆", "Digital Economy Hall"],
};

export const EXHIBITORS: Exhibitor[] = [
  {
    key: "ruineng",
    fair: "a",
    sector: "new-energy",
    region: "suzhou",
    tier: "premium",
    org: ["苏州瑞能新能源科技有限公司", "Suzhou Ruineng New Energy Technology Co., Ltd."],
    booth: [
      "瑞能专注新能源汽车动力电池与储能系统，产品配套国内主流整车厂。",
      "Ruineng makes power batteries and energy storage systems for new energy vehicles.",
    ],
    items: [
      {
        type: "project",
        title: ["新能源汽车动力电池产业化项目", "Power battery industrialisation for new energy vehicles"],
        text: ["建设年产十吉瓦时动力电池产线，用于扩大产能。", "A 10 GWh power battery line to expand capacity."],
        yuan: 120_000_000,
        stage: "SERIES_B",
      },
      {
        type: "product",
        title: ["户用储能电池柜", "Residential energy storage cabinet"],
        text: ["磷酸铁锂电芯，十年质保。", "LFP cells with a ten-year warranty."],
      },
      {
        type: "product",
        title: ["电动汽车快充模块", "EV fast-charging module"],
        text: ["支持大功率直流快充。", "High-power DC fast charging for electric vehicles."],
      },
    ],
  },
  {
    key: "guanghe",
    fair: "a",
    sector: "new-energy",
    region: "wuxi",
    tier: "standard",
    org: ["无锡光合光伏科技有限公司", "Wuxi Guanghe Photovoltaic Technology Co., Ltd."],
    booth: [
      "光合是分布式光伏与光储一体化解决方案提供商。",
      "Guanghe supplies distributed solar and solar-plus-storage systems.",
    ],
    items: [
      {
        type: "project",
        title: ["光伏组件智能工厂项目", "Smart factory for photovoltaic modules"],
        text: [
          "引进自动化串焊与检测设备，计划海外布局。",
          "Automated stringing and inspection lines; overseas expansion planned.",
        ],
        yuan: null,
        stage: "SERIES_A",
      },
      {
        type: "product",
        title: ["高效双面光伏组件", "High-efficiency bifacial solar module"],
        text: ["组件效率超过百分之二十二。", "Module efficiency above 22 percent."],
      },
      {
        type: "product",
        title: ["组串式光伏逆变器", "String solar inverter"],
        text: ["最高转换效率百分之九十九。", "Peak conversion efficiency of 99 percent."],
      },
    ],
  },
  {
    key: "qingtu",
    fair: "b",
    sector: "new-energy",
    region: "nanjing",
    tier: "standard",
    org: ["南京氢途能源有限公司", "Nanjing Qingtu Hydrogen Co., Ltd."],
    booth: [
      "氢途研发氢燃料电池系统与加氢站设备。",
      "Qingtu develops hydrogen fuel-cell systems and refuelling equipment.",
    ],
    items: [
      {
        type: "project",
        title: ["氢燃料电池重卡示范项目", "Hydrogen fuel-cell heavy truck pilot"],
        text: ["面向港口物流的新能源重卡示范运营。", "New energy heavy trucks for port logistics."],
        yuan: 45_000_000,
        stage: "SERIES_A",
      },
      {
        type: "project",
        title: ["加氢站网络建设项目", "Hydrogen refuelling station network"],
        text: ["在长三角建设十座加氢站。", "Ten refuelling stations across the Yangtze River Delta."],
        yuan: 55_000_000,
        stage: "SERIES_B",
      },
      {
        type: "product",
        title: ["车载储氢瓶", "On-board hydrogen tank"],
        text: ["七十兆帕碳纤维缠绕。", "70 MPa carbon-fibre wound tank."],
      },
    ],
  },
  {
    key: "junshi",
    fair: "a",
    sector: "biomedicine",
    region: "suzhou",
    tier: "premium",
    org: ["苏州君实生物医药有限公司", "Suzhou Junshi Biopharma Co., Ltd."],
    booth: ["君实是一家专注抗体药物研发的创新药企业。", "Junshi is a biotechnology company developing antibody drugs."],
    items: [
      {
        type: "project",
        title: ["抗体药物产业化基地", "Antibody drug manufacturing base"],
        text: [
          "建设符合国际标准的抗体药物生产基地。",
          "A GMP plant for antibody biologics built on our biotechnology platform.",
        ],
        yuan: 300_000_000,
        stage: "SERIES_C",
      },
      {
        type: "product",
        title: ["双特异性抗体平台", "Bispecific antibody platform"],
        text: ["对外提供抗体发现服务。", "Antibody discovery services for partners."],
      },
      {
        type: "project",
        title: ["创新药二期临床项目", "Phase II trial of an innovative drug"],
        text: ["用于临床试验。", "Funds a phase II clinical trial."],
        yuan: 180_000_000,
        stage: "SERIES_C",
      },
    ],
  },
  {
    key: "jinling",
    fair: "b",
    sector: "biomedicine",
    region: "nanjing",
    tier: "standard",
    org: ["南京金陵医疗器械有限公司", "Nanjing Jinling Medical Devices Co., Ltd."],
    booth: [
      "金陵医疗专注微创手术器械与医学影像设备。",
      "Jinling builds minimally invasive surgical instruments and imaging equipment.",
    ],
    items: [
      {
        type: "project",
        title: ["腔镜手术机器人研发项目", "Laparoscopic surgical robot development"],
        text: ["完成样机开发，计划开展临床试验。", "Prototype complete; clinical trials next."],
        yuan: 80_000_000,
        stage: "ANGEL",
      },
      {
        type: "product",
        title: ["一次性医用内窥镜", "Single-use medical endoscope"],
        text: ["降低交叉感染风险。", "Lowers the risk of cross-infection."],
      },
      {
        type: "product",
        title: ["便携式超声诊断仪", "Portable ultrasound scanner"],
        text: ["适用于基层医疗机构。", "For community clinics."],
      },
    ],
  },
  {
    key: "ruisi",
    fair: "a",
    sector: "biomedicine",
    region: "shanghai",
    tier: "premium",
    org: ["上海睿思基因科技有限公司", "Shanghai Ruisi Gene Technologies Co., Ltd."],
    booth: ["睿思开发基于腺相关病毒的基因治疗。", "Ruisi develops AAV gene therapies."],
    items: [
      {
        type: "project",
        title: ["罕见病基因治疗临床项目", "Gene therapy for rare diseases"],
        text: ["两项管线进入临床阶段。", "A biotechnology pipeline with two programmes in the clinic."],
        yuan: 150_000_000,
        stage: "SERIES_B",
      },
      {
        type: "product",
        title: ["病毒载体生产服务", "Viral vector manufacturing service"],
        text: ["提供工艺开发与生产服务。", "Process development and manufacturing for biotech partners."],
      },
    ],
  },
  {
    key: "huaxin",
    fair: "a",
    sector: "semiconductors",
    region: "wuxi",
    tier: "premium",
    org: ["无锡华芯微电子有限公司", "Wuxi Huaxin Microelectronics Co., Ltd."],
    booth: ["华芯专注车规级芯片与功率半导体。", "Huaxin designs automotive-grade chips and power semiconductors."],
    items: [
      {
        type: "project",
        title: ["车规级芯片设计项目", "Automotive-grade chip design"],
        text: ["开发车身控制与电源管理芯片。", "Body-control and power-management chips."],
        yuan: 200_000_000,
        stage: "SERIES_B",
      },
      {
        type: "product",
        title: ["碳化硅功率模块", "Silicon carbide power module"],
        text: ["适用于电驱动系统。", "For electric drive systems."],
      },
      {
        type: "product",
        title: ["电源管理芯片", "Power management IC"],
        text: ["低静态电流。", "Low quiescent current."],
      },
    ],
  },
  {
    // described in Chinese without 集成电路 / 芯片: only the English text says what it is
    key: "jingce",
    fair: "b",
    sector: "semiconductors",
    region: "suzhou",
    tier: "standard",
    org: ["苏州晶测科技有限公司", "Suzhou Jingce Technology Co., Ltd."],
    booth: ["晶测提供晶圆级封装与测试服务。", "Jingce offers wafer-level packaging and testing."],
    items: [
      {
        type: "project",
        title: ["晶圆级封装测试线", "Wafer-level packaging line for integrated circuits"],
        text: ["新建先进封装产线。", "Packaging and testing of chips for automotive customers."],
        yuan: 60_000_000,
        stage: "SERIES_A",
      },
      {
        type: "product",
        title: ["高精度探针卡", "High-precision probe cards"],
        text: ["用于晶圆测试。", "Probe cards for testing integrated circuits at wafer level."],
      },
    ],
  },
  {
    // an exhibitor that filled in English only
    key: "lumen",
    fair: "a",
    sector: "semiconductors",
    region: "shanghai",
    tier: "standard",
    org: ["", "Lumen Photonics Ltd."],
    booth: ["", "Silicon photonics chips for data centres."],
    items: [
      {
        type: "project",
        title: ["", "Silicon photonics chip fab expansion"],
        text: ["", "Expanding our integrated circuit fab for optical transceivers."],
        yuan: 90_000_000,
        stage: "PRE_IPO",
      },
      { type: "product", title: ["", "Optical transceiver chip"], text: ["", "800G optical transceiver chips."] },
    ],
  },
  {
    key: "huichuan",
    fair: "a",
    sector: "advanced-manufacturing",
    region: "suzhou",
    tier: "premium",
    org: ["苏州汇川智能装备有限公司", "Suzhou Huichuan Intelligent Equipment Co., Ltd."],
    booth: ["汇川提供工业机器人与伺服系统。", "Huichuan supplies industrial robots and servo systems."],
    items: [
      {
        type: "project",
        title: ["协作机器人产线扩建项目", "Collaborative robot line expansion"],
        text: ["扩大协作机器人产能。", "Doubling output of collaborative robots."],
        yuan: 70_000_000,
        stage: "SERIES_C",
      },
      {
        type: "product",
        title: ["六轴工业机器人", "Six-axis industrial robot"],
        text: ["负载二十公斤。", "20 kg payload."],
      },
      { type: "product", title: ["伺服电机", "Servo motor"], text: ["高响应伺服电机。", "Fast-response servo motor."] },
    ],
  },
  {
    key: "hongtu",
    fair: "b",
    sector: "advanced-manufacturing",
    region: "shanghai",
    tier: "standard",
    org: ["上海宏图精密机械有限公司", "Shanghai Hongtu Precision Machinery Co., Ltd."],
    booth: [
      "宏图生产五轴数控机床，服务高端装备制造。",
      "Hongtu builds five-axis CNC machine tools for advanced manufacturing.",
    ],
    items: [
      {
        type: "project",
        title: ["五轴数控机床国产化项目", "Five-axis CNC machine tool localisation"],
        text: ["攻关高端装备核心部件。", "Core components for advanced equipment."],
        yuan: 110_000_000,
        stage: "SERIES_B",
      },
      {
        type: "product",
        title: ["五轴联动加工中心", "Five-axis machining centre"],
        text: ["定位精度三微米。", "Positioning accuracy of three microns."],
      },
      { type: "product", title: ["精密减速器", "Precision reducer"], text: ["用于机器人关节。", "For robot joints."] },
    ],
  },
  {
    key: "mingde",
    fair: "a",
    sector: "advanced-manufacturing",
    region: "wuxi",
    tier: "standard",
    org: ["无锡明德激光设备有限公司", "Wuxi Mingde Laser Equipment Co., Ltd."],
    booth: ["明德专注激光焊接与切割设备。", "Mingde makes laser welding and cutting equipment."],
    items: [
      {
        type: "product",
        title: ["动力电池激光焊接机", "Laser welder for battery packs"],
        text: ["用于电池模组焊接。", "Welds battery modules."],
      },
      {
        type: "project",
        title: ["激光装备智能制造基地", "Laser equipment smart manufacturing base"],
        text: ["建设新工厂。", "Builds a new plant."],
        yuan: 40_000_000,
        stage: "SERIES_A",
      },
    ],
  },
  {
    key: "yunfan",
    fair: "a",
    sector: "digital-economy",
    region: "nanjing",
    tier: "premium",
    org: ["南京云帆数字科技有限公司", "Nanjing Yunfan Digital Technology Co., Ltd."],
    booth: [
      "云帆打造工业互联网平台，推动数字经济发展。",
      "Yunfan runs an industrial internet platform for the digital economy.",
    ],
    items: [
      {
        type: "project",
        title: ["数字孪生工厂平台项目", "Digital twin factory platform"],
        text: ["为制造企业提供数字孪生与大数据分析。", "Digital twins and big data analytics for manufacturers."],
        yuan: 35_000_000,
        stage: "SEED",
      },
      {
        type: "product",
        title: ["设备物联网网关", "Equipment IoT gateway"],
        text: ["接入各类工业设备。", "Connects industrial equipment."],
      },
      {
        type: "product",
        title: ["云计算管理平台", "Cloud computing management platform"],
        text: ["混合云统一管理。", "Unified hybrid cloud management."],
      },
    ],
  },
  {
    key: "zhiyuan",
    fair: "b",
    sector: "digital-economy",
    region: "shanghai",
    tier: "standard",
    org: ["上海智源人工智能有限公司", "Shanghai Zhiyuan AI Co., Ltd."],
    booth: ["智源提供人工智能视觉质检方案。", "Zhiyuan offers artificial intelligence for visual quality inspection."],
    items: [
      {
        type: "project",
        title: ["人工智能质检平台项目", "AI quality inspection platform"],
        text: ["面向电子制造的缺陷检测。", "Defect detection for electronics makers."],
        yuan: 25_000_000,
        stage: "ANGEL",
      },
      {
        type: "product",
        title: ["智能客服机器人", "Customer service chatbot"],
        text: ["支持中英文对话。", "Chinese and English conversations."],
      },
      {
        type: "product",
        title: ["工业视觉相机", "Industrial vision camera"],
        text: ["五百万像素全局快门。", "5 MP global shutter."],
      },
    ],
  },
  {
    key: "lianchuang",
    fair: "a",
    sector: "digital-economy",
    region: "suzhou",
    tier: "standard",
    org: ["苏州联创跨境电商有限公司", "Suzhou Lianchuang Cross-border E-commerce Co., Ltd."],
    booth: [
      "联创为制造企业提供跨境电商与海外营销服务。",
      "Lianchuang helps manufacturers sell abroad through cross-border e-commerce.",
    ],
    items: [
      {
        type: "project",
        title: ["跨境电商独立站平台", "Cross-border e-commerce storefront platform"],
        text: ["服务中小外贸企业。", "For small exporters."],
        yuan: 15_000_000,
        stage: "SEED",
      },
      {
        type: "product",
        title: ["跨境支付接口", "Cross-border payment gateway"],
        text: ["支持多币种结算。", "Multi-currency settlement."],
      },
    ],
  },
  {
    key: "haichuan",
    fair: "b",
    sector: "new-energy",
    region: "wuxi",
    tier: "premium",
    org: ["无锡海川储能科技有限公司", "Wuxi Haichuan Energy Storage Technology Co., Ltd."],
    booth: ["海川专注电网侧储能电站集成。", "Haichuan integrates grid-scale energy storage plants."],
    items: [
      {
        type: "project",
        title: ["电网侧储能电站项目", "Grid-side energy storage plant"],
        text: ["一百兆瓦时储能电站。", "A 100 MWh battery storage plant."],
        yuan: 95_000_000,
        stage: "PRE_IPO",
      },
      {
        type: "product",
        title: ["储能变流器", "Energy storage converter"],
        text: ["高效双向变流。", "Efficient bidirectional conversion."],
      },
      {
        type: "product",
        title: ["工商业储能柜", "Commercial energy storage cabinet"],
        text: ["削峰填谷。", "Peak shaving for factories."],
      },
    ],
  },
];

const BASE = Date.UTC(2026, 5, 1);

/** The fixture documents; createdAt and amounts are all distinct so orders are fully determined. */
export function buildFixture(): CatalogDoc[] {
  const docs: CatalogDoc[] = [];
  let n = 0;
  for (const ex of EXHIBITORS) {
    const boothId = `booth-${ex.key}`;
    const [hallZh, hallEn] = HALL_NAMES[HALL[ex.sector]];
    const labels = (stage: string | null) =>
      codeLabels({ sector: ex.sector, region: ex.region, stage, hallZh, hallEn });
    const common = {
      boothId,
      fairId: `fair-${ex.fair}-id`,
      fairSlug: `fair-${ex.fair}`,
      hall: HALL[ex.sector],
      sector: ex.sector,
      region: ex.region,
      tier: ex.tier,
      orgZh: ex.org[0],
      orgEn: ex.org[1],
      logoKey: null,
    };
    // minutes apart, shuffled by a fixed stride so creation order differs from fixture order
    const created = () => BASE + ((n++ * 37) % 997) * 60_000;
    docs.push({
      ...common,
      id: `booth:${boothId}`,
      type: "booth",
      entityId: boothId,
      stage: null,
      titleZh: ex.org[0] ? `${ex.org[0]}展位` : "",
      titleEn: `${ex.org[1]} booth`,
      textZh: ex.booth[0],
      textEn: ex.booth[1],
      ...labels(null),
      amount: null,
      currency: null,
      createdAt: created(),
    });
    ex.items.forEach((item, i) => {
      const entityId = `${ex.key}-${item.type}-${i}`;
      const amount = item.type === "project" && item.yuan != null ? item.yuan * 100 : null;
      const stage = item.type === "project" ? (item.stage ?? null) : null;
      docs.push({
        ...common,
        id: `${item.type}:${entityId}`,
        type: item.type,
        entityId,
        stage,
        titleZh: item.title[0],
        titleEn: item.title[1],
        textZh: item.text[0],
        textEn: item.text[1],
        ...labels(stage),
        amount,
        currency: amount == null ? null : "CNY",
        createdAt: created(),
      });
    });
  }
  return docs;
}
