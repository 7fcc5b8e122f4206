/** One chat message as the server sends it (page data and socket events) and the chat panel shows it. */
export interface ChatMessageView {
  id: string;
  threadId: string;
  senderUserId: string;
  senderName: string;
  body: string;
  createdAt: string;
  mine?: boolean;
}
