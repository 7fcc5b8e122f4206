// Booth chat (zh-CN and English).
import { defineCatalog } from "../catalog";

const chatZh = {
  "chat.title": "在线咨询",
  "chat.presence": "当前有 {count} 人在此展位",
  "chat.placeholder": "输入消息（最多 1000 字）",
  "chat.send": "发送",
  "chat.typing": "{name} 正在输入…",
  "chat.earlier": "查看更早的消息",
  "chat.signIn": "登录后即可与展商团队在线交流。",
  "chat.inbox": "展位咨询",
  "chat.inboxEmpty": "还没有访客咨询。",
  "chat.new": "新消息",
  "chat.reply": "回复",
  "chat.error.empty": "消息不能为空。",
  "chat.error.tooLong": "消息过长（最多 1000 字）。",
  "chat.error.rateLimited": "发送太频繁，请稍候再试。",
  "chat.error.signIn": "请先登录。",
} as const;

const chatEn: Record<keyof typeof chatZh, string> = {
  "chat.title": "Chat with the team",
  "chat.presence": "{count, plural, one {# person at this booth now} other {# people at this booth now}}",
  "chat.placeholder": "Type a message (up to 1000 characters)",
  "chat.send": "Send",
  "chat.typing": "{name} is typing…",
  "chat.earlier": "Show earlier messages",
  "chat.signIn": "Sign in to chat with the exhibitor's team.",
  "chat.inbox": "Booth conversations",
  "chat.inboxEmpty": "No visitor conversations yet.",
  "chat.new": "New",
  "chat.reply": "Reply",
  "chat.error.empty": "The message is empty.",
  "chat.error.tooLong": "The message is too long (at most 1000 characters).",
  "chat.error.rateLimited": "You are sending too fast. Please wait a moment.",
  "chat.error.signIn": "Please sign in first.",
};

export const chatCatalog = defineCatalog("chat", chatZh, chatEn);
