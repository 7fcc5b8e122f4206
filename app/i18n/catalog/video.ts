// Video strings (zh-CN and English).
export const videoZh = {
} as const;

export const videoEn: Record<keyof typeof videoZh, string> = {
};
