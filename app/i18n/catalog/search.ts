// Catalog search page (zh-CN and English).
import { defineCatalog } from "../catalog";

const searchZh = {
  "search.placeholder": "搜索展商、招商项目、产品（中文或英文）",
  "search.submit": "搜索",
  "search.results": "找到 {total} 条结果",
  "search.none": "没有找到匹配的结果。试试更短的关键词，或去掉一些筛选条件。",
  "search.unavailable": "搜索服务暂时不可用。您仍可以按展馆浏览展会。",
  "search.browse": "浏览展会",
  "search.sort": "排序",
  "search.sort.relevance": "相关度",
  "search.sort.amount:desc": "融资金额从高到低",
  "search.sort.amount:asc": "融资金额从低到高",
  "search.sort.newest": "最新发布",
  "search.facet.type": "类型",
  "search.facet.sector": "行业",
  "search.facet.region": "地区",
  "search.facet.stage": "阶段",
  "search.clear": "清除筛选",
  "search.type.booth": "展商",
  "search.type.project": "招商项目",
  "search.type.product": "产品",
} as const;

const searchEn: Record<keyof typeof searchZh, string> = {
  "search.placeholder": "Search exhibitors, projects, products (Chinese or English)",
  "search.submit": "Search",
  "search.results": "{total, plural, one {# result} other {# results}}",
  "search.none": "Nothing matches. Try a shorter query or remove some filters.",
  "search.unavailable": "Search is unavailable right now. You can still browse the fairs hall by hall.",
  "search.browse": "Browse fairs",
  "search.sort": "Sort",
  "search.sort.relevance": "Relevance",
  "search.sort.amount:desc": "Amount sought, high to low",
  "search.sort.amount:asc": "Amount sought, low to high",
  "search.sort.newest": "Newest",
  "search.facet.type": "Type",
  "search.facet.sector": "Sector",
  "search.facet.region": "Region",
  "search.facet.stage": "Stage",
  "search.clear": "Clear filters",
  "search.type.booth": "Exhibitor",
  "search.type.project": "Investment project",
  "search.type.product": "Product",
};

export const searchCatalog = defineCatalog("search", searchZh, searchEn);
