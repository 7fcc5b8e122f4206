// Dashboard strings (zh-CN and English).
export const dashboardZh = {
} as const;

export const dashboardEn: Record<keyof typeof dashboardZh, string> = {
};
