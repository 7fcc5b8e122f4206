/** URL for a stored media object (see media/storage.ts and server/app.ts /media). */
export const mediaUrl = (key: string | null | undefined) => (key ? `/media/${key}` : undefined);
