// roadshow-viewers: many subscribe-only LiveKit viewers in one process, for `npm run bench:roadshow`.
//
// Each viewer is a real WebRTC client (LiveKit's Go SDK on pion): it connects with its own token,
// is subscribed to the presenter's video, and assembles the incoming VP8 RTP packets into frames
// without decoding them. It reports, per viewer, the time from the start of its join to the first
// complete key frame (the first frame a decoder could show), plus what it received afterwards.
//
// Input: one token per line on stdin (made by the bench with livekit-server-sdk).
// Output: one JSON object per line on stdout: {"event":"viewer",...} per viewer when it is done,
// then {"event":"done"}. Diagnostics go to stderr.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/livekit/protocol/livekit"
	"github.com/livekit/protocol/logger"
	lksdk "github.com/livekit/server-sdk-go/v2"
	"github.com/pion/rtp/codecs"
	"github.com/pion/webrtc/v4"
	"github.com/pion/webrtc/v4/pkg/media/samplebuilder"
)

type result struct {
	Event        string  `json:"event"`
	Index        int     `json:"i"`
	ConnectMs    float64 `json:"connectMs"`    // join started → connected (signalling + ICE/DTLS of the subscriber PC may still follow)
	SubscribedMs float64 `json:"subscribedMs"` // join started → video track subscribed
	FirstRTPMs   float64 `json:"firstRtpMs"`   // join started → first video RTP packet
	FirstFrameMs float64 `json:"firstFrameMs"` // join started → first complete key frame (0 = none)
	Width        int     `json:"width"`        // of the first key frame
	Height       int     `json:"height"`
	LastWidth    int     `json:"lastWidth"` // of the last key frame received (the layer the server settled on)
	LastHeight   int     `json:"lastHeight"`
	KeyFrames    int     `json:"keyFrames"`
	Frames       int     `json:"frames"`   // complete frames received after the first key frame
	Bytes        int64   `json:"bytes"`    // RTP payload bytes received
	WatchedS     float64 `json:"watchedS"` // seconds from the first frame to the end of the viewing
	Codec        string  `json:"codec"`    // mime type of the received track
	Error        string  `json:"error,omitempty"`
}

var qualities = map[string]livekit.VideoQuality{
	"low":    livekit.VideoQuality_LOW,
	"medium": livekit.VideoQuality_MEDIUM,
	"high":   livekit.VideoQuality_HIGH,
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// vp8KeyFrameSize returns the dimensions of a VP8 key frame, or ok=false for an inter frame.
func vp8KeyFrameSize(frame []byte) (w, h int, ok bool) {
	if len(frame) < 10 || frame[0]&0x01 != 0 || frame[3] != 0x9d || frame[4] != 0x01 || frame[5] != 0x2a {
		return 0, 0, false
	}
	return int(frame[6]) | int(frame[7]&0x3f)<<8, int(frame[8]) | int(frame[9]&0x3f)<<8, true
}

func viewer(i int, url, token, quality string, watch, timeout time.Duration, out chan<- result) {
	res := result{Event: "viewer", Index: i}
	start := time.Now()
	var mu sync.Mutex
	done := make(chan struct{})
	firstFrame := make(chan struct{})
	var firstOnce sync.Once
	var frameAt time.Time

	cb := lksdk.NewRoomCallback()
	cb.OnTrackSubscribed = func(track *webrtc.TrackRemote, pub *lksdk.RemoteTrackPublication, _ *lksdk.RemoteParticipant) {
		if track.Kind() != webrtc.RTPCodecTypeVideo {
			return
		}
		mu.Lock()
		if res.SubscribedMs == 0 {
			res.SubscribedMs = ms(time.Since(start))
		}
		res.Codec = track.Codec().MimeType
		mu.Unlock()
		if q, ok := qualities[quality]; ok {
			_ = pub.SetVideoQuality(q)
		}
		go func() {
			isVP8 := strings.EqualFold(track.Codec().MimeType, webrtc.MimeTypeVP8)
			sb := samplebuilder.New(512, &codecs.VP8Packet{}, track.Codec().ClockRate)
			for {
				pkt, _, err := track.ReadRTP()
				if err != nil {
					return
				}
				select {
				case <-done:
					return
				default:
				}
				mu.Lock()
				if res.FirstRTPMs == 0 {
					res.FirstRTPMs = ms(time.Since(start))
				}
				res.Bytes += int64(len(pkt.Payload))
				mu.Unlock()
				if !isVP8 {
					// Other codecs are not assembled: the end of the first frame (marker bit) stands in.
					if pkt.Marker {
						mu.Lock()
						if res.FirstFrameMs == 0 {
							res.FirstFrameMs = ms(time.Since(start))
							frameAt = time.Now()
						} else {
							res.Frames++
						}
						mu.Unlock()
						firstOnce.Do(func() { close(firstFrame) })
					}
					continue
				}
				sb.Push(pkt)
				for s := sb.Pop(); s != nil; s = sb.Pop() {
					mu.Lock()
					if res.FirstFrameMs == 0 {
						if w, h, key := vp8KeyFrameSize(s.Data); key {
							res.FirstFrameMs = ms(time.Since(start))
							res.Width, res.Height = w, h
							frameAt = time.Now()
							firstOnce.Do(func() { close(firstFrame) })
						}
					} else {
						res.Frames++
					}
					if w, h, key := vp8KeyFrameSize(s.Data); key && res.FirstFrameMs != 0 {
						res.LastWidth, res.LastHeight = w, h
						res.KeyFrames++
					}
					mu.Unlock()
				}
			}
		}()
	}

	room, err := lksdk.ConnectToRoomWithToken(url, token, cb,
		lksdk.WithAutoSubscribe(true),
		lksdk.WithConnectTimeout(timeout),
		lksdk.WithLogger(logger.GetDiscardLogger()),
	)
	if err != nil {
		res.Error = "connect: " + err.Error()
		out <- res
		return
	}
	mu.Lock()
	res.ConnectMs = ms(time.Since(start))
	mu.Unlock()

	select {
	case <-firstFrame:
		time.Sleep(watch)
	case <-time.After(timeout):
		mu.Lock()
		res.Error = "no video frame within " + timeout.String()
		mu.Unlock()
	}
	close(done)
	mu.Lock()
	if !frameAt.IsZero() {
		res.WatchedS = time.Since(frameAt).Seconds()
	}
	final := res
	mu.Unlock()
	room.Disconnect()
	out <- final
}

func main() {
	url := flag.String("url", "", "LiveKit WebSocket URL (ws://…)")
	rate := flag.Float64("rate", 20, "viewers started per second")
	watch := flag.Duration("watch", 10*time.Second, "how long each viewer keeps watching after its first frame")
	timeout := flag.Duration("timeout", 30*time.Second, "per viewer: connect, and then first frame, within this")
	quality := flag.String("quality", "high", "simulcast layer the viewers ask for: low, medium or high")
	flag.Parse()
	if *url == "" {
		fmt.Fprintln(os.Stderr, "--url is required")
		os.Exit(2)
	}
	if _, ok := qualities[*quality]; !ok {
		fmt.Fprintln(os.Stderr, "--quality must be low, medium or high")
		os.Exit(2)
	}

	var tokens []string
	sc := bufio.NewScanner(os.Stdin)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	for sc.Scan() {
		if t := strings.TrimSpace(sc.Text()); t != "" {
			tokens = append(tokens, t)
		}
	}

	out := make(chan result, len(tokens))
	var wg sync.WaitGroup
	interval := time.Duration(float64(time.Second) / *rate)
	for i, t := range tokens {
		wg.Add(1)
		go func(i int, t string) {
			defer wg.Done()
			viewer(i, *url, t, *quality, *watch, *timeout, out)
		}(i, t)
		time.Sleep(interval)
	}
	go func() {
		wg.Wait()
		close(out)
	}()
	enc := json.NewEncoder(os.Stdout)
	for r := range out {
		_ = enc.Encode(r)
	}
	_ = enc.Encode(map[string]string{"event": "done"})
}
