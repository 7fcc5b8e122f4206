// Video rooms: open LiveKit rooms as join windows open; settle attendance (no-show 10 minutes
// after start, completion after the end). A scheduled job decides, never a page load.
import { config } from "../../app/config.server.ts";
import { openDueRooms } from "../../app/domain/video/rooms.server.ts";
import { settleMeetings } from "../../app/domain/video/attendance.server.ts";
import { logger } from "../../app/lib/logger.server.ts";
import type { PeriodicJob } from "./queue.ts";

export function videoRoomJob(everyMs = config().VIDEO_JOB_MS): PeriodicJob {
  return {
    name: "video-rooms",
    everyMs,
    run: async () => {
      const opened = await openDueRooms();
      const settled = await settleMeetings();
      if (opened || settled.noShows || settled.completed) logger.info({ opened, ...settled }, "video rooms");
    },
  };
}
