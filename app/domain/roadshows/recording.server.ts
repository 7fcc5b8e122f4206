// Roadshow recordings: with Egress configured (LIVEKIT_EGRESS=1), a room-composite recording runs
// while the roadshow is live (started on go-live and on resume, stopped on pause and end); its file arrives with
// the egress_ended webhook (attendance.server.ts) and the roadshow page shows it as the replay.
import { db } from "~/db/client.server";
import { egressRecorder, roadshowRoomFor, type LiveKitSettings, type Recorder } from "../../../media/video/livekit";

let makeRecorder: (s: LiveKitSettings) => Recorder = egressRecorder;
/** Test hook: an Egress stand-in for machines without an Egress service. */
export function setRoadshowRecorderFactory(f: ((s: LiveKitSettings) => Recorder) | null) {
  makeRecorder = f ?? egressRecorder;
}

export async function recordWhileLive(s: LiveKitSettings, roadshowId: string, live: boolean, now = new Date()) {
  if (!s.egress) return;
  const running = await db().roadshowRecording.findMany({
    where: { roadshowId, status: { in: ["starting", "active"] } },
  });
  if (live && running.length === 0) {
    const { egressId } = await makeRecorder(s).start(
      roadshowRoomFor(roadshowId),
      `recordings/roadshows/${roadshowId}/${now.toISOString().replace(/[:.]/g, "-")}.mp4`,
    );
    await db().roadshowRecording.create({ data: { roadshowId, egressId, status: "starting" } });
  } else if (!live)
    for (const x of running) {
      await makeRecorder(s).stop(x.egressId);
      // Stopped: a resume before Egress reports the file (egress_ended) starts a recording of its own.
      await db().roadshowRecording.update({ where: { id: x.id }, data: { status: "stopping" } });
    }
}
