// Mailpit for a test file (ADR 026): a real SMTP server on free loopback ports, the app's SMTP_URL
// pointed at it, and what arrived read through its HTTP API.
import { configure } from "../../app/config.server.ts";
import { resetMailTransport } from "../../app/domain/mail/delivery.server.ts";
import { startMailpit } from "../../server/services/processes.ts";

export interface MailpitSummary {
  ID: string;
  MessageID: string;
  Subject: string;
  To: { Address: string; Name: string }[];
  Attachments: number;
}
export interface MailpitMessage {
  ID: string;
  Subject: string;
  Text: string;
  HTML: string;
  To: { Address: string }[];
  Attachments: { PartID: string; FileName: string; ContentType: string }[];
}

export async function useMailpit() {
  const mp = await startMailpit();
  configure({ SMTP_URL: mp.smtpUrl });
  resetMailTransport();
  const api = async <T>(path: string, init?: RequestInit): Promise<T> => {
    const res = await fetch(mp.apiUrl + path, init);
    if (!res.ok) throw new Error(`mailpit ${path}: ${res.status}`);
    const type = res.headers.get("content-type") ?? "";
    return (type.includes("json") ? res.json() : res.text()) as Promise<T>;
  };
  return {
    ...mp,
    async list(): Promise<MailpitSummary[]> {
      return (await api<{ messages: MailpitSummary[] }>("/api/v1/messages?limit=500")).messages;
    },
    async get(id: string): Promise<MailpitMessage> {
      return api<MailpitMessage>(`/api/v1/message/${id}`);
    },
    async headers(id: string): Promise<Record<string, string[]>> {
      return api<Record<string, string[]>>(`/api/v1/message/${id}/headers`);
    },
    async part(id: string, partId: string): Promise<string> {
      return api<string>(`/api/v1/message/${id}/part/${partId}`);
    },
    /** The messages to one address (newest first). */
    async to(address: string): Promise<MailpitSummary[]> {
      return (await this.list()).filter((m) => m.To.some((t) => t.Address === address));
    },
    async clear(): Promise<void> {
      await api("/api/v1/messages", { method: "DELETE" });
    },
    async stop(): Promise<void> {
      configure({ SMTP_URL: undefined });
      resetMailTransport();
      await mp.stop();
    },
  };
}
