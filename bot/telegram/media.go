package telegram

import (
	"strconv"
	"strings"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/briefbot/briefbot/bot"
)

// Telegram's limits on files a bot uploads.
const (
	maxCaption    = 1024     // UTF-16 units of a caption
	maxPhotoBytes = 10 << 20 // a photo; larger pictures go as documents
	maxFileBytes  = 50 << 20 // any file
)

// outFile is an attachment waiting to be sent.
type outFile struct {
	name, mime, caption string
	data                []byte
}

// fileMsg returns the queued message that sends att to chatID: sendPhoto
// for a PNG, JPEG, GIF or WebP picture of at most 10 MB, sendDocument for
// anything else, with att.Alt as a plain-text caption cut to Telegram's 1024
// characters. When it cannot be delivered, the sender sends failNote
// instead.
func fileMsg(chatID int64, att bot.Attachment) *outMsg {
	name := strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || r == '/' || r == '\\' || r == '"' {
			return -1
		}
		return r
	}, strings.ToValidUTF8(att.Name, ""))
	if r := []rune(name); len(r) > 100 {
		name = string(r[len(r)-100:])
	}
	if strings.Trim(name, ". ") == "" {
		name = "chart.png"
		if !isPicture(att.MIME) {
			name = "file"
		}
	}
	caption := strings.Join(words(att.Alt), " ")
	if units(caption) > maxCaption {
		caption = firstPiece(caption, maxCaption-1) + "…"
	}
	what := "file"
	if strings.HasPrefix(strings.ToLower(att.MIME), "image/") {
		what = "chart"
	}
	return &outMsg{
		chatID:   chatID,
		file:     &outFile{name: name, mime: att.MIME, caption: caption, data: att.Data},
		failNote: escape("Sorry, the " + what + " could not be uploaded."),
	}
}

// isPicture reports whether sendPhoto takes files of MIME type mt.
func isPicture(mt string) bool {
	switch strings.ToLower(strings.TrimSpace(mt)) {
	case "image/png", "image/jpeg", "image/jpg", "image/gif", "image/webp":
		return true
	}
	return false
}

// sendFile makes one sendPhoto or sendDocument call, a multipart upload
// through the SDK. Empty and oversized files fail without a call, with a
// 400 error the sender does not retry.
func (a *Adapter) sendFile(api *tgbotapi.BotAPI, m *outMsg) *apiError {
	f := m.file
	method, field := "sendPhoto", "photo"
	if !isPicture(f.mime) || len(f.data) > maxPhotoBytes {
		method, field = "sendDocument", "document"
	}
	switch {
	case len(f.data) == 0:
		return &apiError{method: method, code: 400, msg: "empty file " + strconv.Quote(f.name)}
	case len(f.data) > maxFileBytes:
		return &apiError{method: method, code: 400, msg: "file " + strconv.Quote(f.name) + " over 50 MB"}
	}
	p := tgbotapi.Params{"chat_id": strconv.FormatInt(m.chatID, 10)}
	if f.caption != "" {
		p["caption"] = f.caption
	}
	if m.markup != "" {
		p["reply_markup"] = m.markup
	}
	if m.replyTo != 0 {
		p["reply_parameters"] = replyParameters(m.replyTo)
	}
	resp, err := api.UploadFiles(method, p, []tgbotapi.RequestFile{{Name: field, Data: tgbotapi.FileBytes{Name: f.name, Bytes: f.data}}})
	e := a.red.wrap(method, err)
	if e != nil && resp != nil && resp.ErrorCode != 0 {
		// UploadFiles, unlike MakeRequest, leaves the code out of its
		// error; without it a 429 or 5xx would not be retried
		e.code = resp.ErrorCode
	}
	return e
}
