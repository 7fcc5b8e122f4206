// What the request edge says when it refuses a request (server/edge, docs/decisions/020-request-edge.md),
// and the input check's messages (app/lib/input.ts), in zh-CN and English.
import { defineCatalog } from "../catalog";

const edgeZh = {
  "input.control": "请求中含有不允许的控制字符（例如 NUL），请删除后重试。",
  "input.encoding": "请求中含有无效的字符编码（不是有效的 UTF-8），请检查后重试。",
  "input.tooManyParts": "表单包含的项目过多：最多 {max} 项。",
  "input.malformed": "无法读取提交的表单，请重新提交。",
  "edge.400.title": "请求无效",
  "edge.403.title": "请求被拒绝",
  "edge.413.title": "内容过大",
  "edge.415.title": "不支持的提交格式",
  "edge.crossSite": "此请求来自其他网站，为保护您的账户已被拒绝。请直接在云展洽的页面上操作。",
  "edge.tooLarge": "提交的内容过大：最多 {maxMb} MB。",
  "edge.unsupportedType": "不支持这种提交格式。请通过页面上的表单提交。",
  "edge.goBack": "请返回上一页，修改后重试。",
  "edge.backToForm": "返回上一页",
  "edge.503.title": "暂时无法服务",
  "edge.unavailable": "服务暂时不可用，请在 {seconds} 秒后重试。",
  "edge.unavailableWrite": "服务暂时不可用，您刚才提交的内容没有被保存。请在 {seconds} 秒后重试。",
} as const;

const edgeEn: Record<keyof typeof edgeZh, string> = {
  "input.control":
    "The request contains a control character that is not allowed (such as NUL). Remove it and try again.",
  "input.encoding": "The request contains text that is not valid UTF-8. Check it and try again.",
  "input.tooManyParts": "The form has too many parts: at most {max}.",
  "input.malformed": "The submitted form could not be read. Please submit it again.",
  "edge.400.title": "Invalid request",
  "edge.403.title": "Request refused",
  "edge.413.title": "Too large",
  "edge.415.title": "Unsupported submission",
  "edge.crossSite":
    "This request came from another website and was refused to protect your account. Please use CloudFair's own pages.",
  "edge.tooLarge": "The submission is too large: at most {maxMb} MB.",
  "edge.unsupportedType": "This kind of submission is not supported. Please use the form on the page.",
  "edge.goBack": "Go back to the previous page, correct it and try again.",
  "edge.backToForm": "Back to the previous page",
  "edge.503.title": "Temporarily unavailable",
  "edge.unavailable": "The service is temporarily unavailable. Please try again in {seconds} seconds.",
  "edge.unavailableWrite":
    "The service is temporarily unavailable and what you just submitted was not saved. Please try again in {seconds} seconds.",
};

export const edgeCatalog = defineCatalog("edge", edgeZh, edgeEn);
