// The background job queue page for admins (/admin/jobs, ADR 030), zh-CN and English.
import { defineCatalog } from "../catalog";

const jobsZh = {
  "jobs.title": "后台任务",
  "jobs.intro": "定时任务在所有实例中同一时间只运行一次；事件任务失败后会按退避间隔重试，重试用尽后列在下方。",
  "jobs.unavailable": "任务队列尚未启动。",
  "jobs.queue": "队列",
  "jobs.waiting": "等待",
  "jobs.active": "运行中",
  "jobs.retrying": "待重试",
  "jobs.completed": "已完成",
  "jobs.failed": "失败",
  "jobs.failures": "最近的失败",
  "jobs.noFailures": "没有失败的任务。",
  "jobs.error": "错误",
  "jobs.attempts": "尝试次数",
  "jobs.failedAt": "失败时间",
  "jobs.link": "后台任务与失败记录",
} as const;

const jobsEn: Record<keyof typeof jobsZh, string> = {
  "jobs.title": "Background jobs",
  "jobs.intro":
    "Periodic jobs run on one instance at a time across the cluster; event jobs are retried with backoff when they fail and are listed below once their retries are used up.",
  "jobs.unavailable": "The job queue has not started yet.",
  "jobs.queue": "Queue",
  "jobs.waiting": "Waiting",
  "jobs.active": "Running",
  "jobs.retrying": "To retry",
  "jobs.completed": "Completed",
  "jobs.failed": "Failed",
  "jobs.failures": "Latest failures",
  "jobs.noFailures": "No job has failed.",
  "jobs.error": "Error",
  "jobs.attempts": "Attempts",
  "jobs.failedAt": "Failed at",
  "jobs.link": "Background jobs and failures",
};

export const jobsCatalog = defineCatalog("jobs", jobsZh, jobsEn);
