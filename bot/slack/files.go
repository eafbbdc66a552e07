package slack

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"mime"
	"path"
	"strconv"
	"strings"
	"unicode"

	slackapi "github.com/slack-go/slack"

	"github.com/briefbot/briefbot/bot"
)

const (
	maxAltText  = 1000 // characters of an image's alt text (files.getUploadURLExternal alt_txt)
	maxTitle    = 250  // characters of a file's title
	maxFileName = 100  // bytes of a file name
)

// deliverReply posts r where in's answer goes (deliverHeld: held through
// an outage; the caller's working slot is used for the first attempt, and
// given back with release), then uploads r's attachments (uploadFiles). It returns the
// number of messages and an error only when the messages could not be
// posted; attachments that could not be uploaded are logged and replaced
// by a short note.
func (a *Adapter) deliverReply(ctx context.Context, in *incoming, r *bot.Reply, release func()) (int, error) {
	msgs := Render(*r)
	p := progress{thread: in.threadTS}
	if err := a.deliverHeld(ctx, in, msgs, &p, release); err != nil {
		return len(msgs), err
	}
	if len(r.Attachments) > 0 {
		if !a.acquire(ctx) {
			return len(msgs), nil
		}
		defer a.release()
		a.uploadFiles(ctx, in, r.Attachments, p.viaHook)
	}
	return len(msgs), nil
}

// uploadFiles uploads atts, in order, into in's channel, shared in
// in.threadTS when the answer is threaded (mentions, direct messages,
// buttons) and in the channel itself otherwise (slash commands, Send), each
// with its Alt as title and alt text. A file that cannot be uploaded (after
// retries) is logged, and the user gets one short note where the files
// would have gone. An ephemeral answer, or one given through a response_url
// because the bot cannot post in the channel, gets the note without an
// attempt: a file cannot be shared there.
func (a *Adapter) uploadFiles(ctx context.Context, in *incoming, atts []bot.Attachment, viaHook bool) {
	var failed []bot.Attachment
	if in.ephemeral || viaHook {
		a.lg.Warn("slack files not uploaded: the answer is private or went through response_url", "channel", in.channel, "files", len(atts))
		failed = atts
	} else {
		for _, att := range atts {
			if err := a.upload(ctx, in.channel, in.threadTS, att); err != nil {
				if ctx.Err() != nil {
					return
				}
				a.lg.Error("slack file upload failed", "channel", in.channel, "file", fileName(att), "bytes", len(att.Data), "err", a.redact(err))
				failed = append(failed, att)
				continue
			}
			a.lg.Debug("slack file uploaded", "channel", in.channel, "file", fileName(att), "bytes", len(att.Data))
		}
	}
	if len(failed) == 0 || ctx.Err() != nil {
		return
	}
	text := uploadNote(failed)
	note := []Message{{Text: escape(text), Blocks: []slackapi.Block{contextBlock(escape(text))}}}
	p := progress{thread: in.threadTS, viaHook: viaHook}
	err := a.deliver(ctx, in, note, &p)
	if err != nil {
		a.lg.Warn("slack could not post the upload note", "channel", in.channel, "err", a.redact(err))
	}
}

// uploadNote is the note that replaces attachments not uploaded.
func uploadNote(failed []bot.Attachment) string {
	what := "file"
	charts := true
	for _, f := range failed {
		if !strings.HasPrefix(strings.ToLower(f.MIME), "image/") {
			charts = false
		}
	}
	if charts {
		what = "chart"
	}
	if len(failed) == 1 {
		return "Sorry, the " + what + " could not be uploaded."
	}
	return "Sorry, " + strconv.Itoa(len(failed)) + " " + what + "s could not be uploaded."
}

// upload shares one file into channel (in thread when not "") the way Slack
// asks since files.upload was retired: files.getUploadURLExternal, a POST
// of the bytes to the URL it gives, files.completeUploadExternal. Each step
// is retried as retry says.
func (a *Adapter) upload(ctx context.Context, channel, thread string, att bot.Attachment) error {
	if len(att.Data) == 0 {
		return errors.New("empty file")
	}
	name := fileName(att)
	alt := truncate(strings.Join(words(att.Alt), " "), maxAltText)
	var u *slackapi.GetUploadURLExternalResponse
	err := a.retry(ctx, "files.getUploadURLExternal", func() error {
		var err error
		u, err = a.api.GetUploadURLExternalContext(ctx, slackapi.GetUploadURLExternalParameters{
			FileName: name, FileSize: len(att.Data), AltTxt: alt,
		})
		return err
	})
	if err != nil {
		return fmt.Errorf("files.getUploadURLExternal: %w", err)
	}
	if u.UploadURL == "" || u.FileID == "" {
		return errors.New("files.getUploadURLExternal gave no upload URL or file id")
	}
	err = a.retry(ctx, "file upload", func() error {
		return a.api.UploadToURL(ctx, slackapi.UploadToURLParameters{
			UploadURL: u.UploadURL, Reader: bytes.NewReader(att.Data), Filename: name,
		})
	})
	if err != nil {
		return fmt.Errorf("upload: %w", err)
	}
	title := truncate(alt, maxTitle)
	if title == "" {
		title = name
	}
	err = a.retry(ctx, "files.completeUploadExternal", func() error {
		_, err := a.api.CompleteUploadExternalContext(ctx, slackapi.CompleteUploadExternalParameters{
			Files:           []slackapi.FileSummary{{ID: u.FileID, Title: title}},
			Channel:         channel,
			ThreadTimestamp: thread,
		})
		return err
	})
	if err != nil {
		return fmt.Errorf("files.completeUploadExternal: %w", err)
	}
	return nil
}

// fileName returns a safe name for att: its Name without directories or
// control characters, at most 100 bytes, keeping the extension; else
// "chart" or "file" with an extension for its MIME type.
func fileName(att bot.Attachment) string {
	name := strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == '/' || r == '\\' || r == unicode.ReplacementChar {
			return -1
		}
		return r
	}, strings.ToValidUTF8(att.Name, ""))
	name = strings.TrimSpace(strings.Trim(name, "."))
	if len(name) > maxFileName {
		ext := path.Ext(name)
		if len(ext) > 16 {
			ext = ""
		}
		name = strings.ToValidUTF8(name[:maxFileName-len(ext)], "") + ext
	}
	if name != "" {
		return name
	}
	name = "file"
	mt := strings.ToLower(att.MIME)
	if strings.HasPrefix(mt, "image/") {
		name = "chart"
	}
	switch mt {
	case "image/png":
		return name + ".png"
	case "image/jpeg":
		return name + ".jpg"
	}
	if exts, _ := mime.ExtensionsByType(mt); len(exts) > 0 {
		return name + exts[0]
	}
	return name
}
