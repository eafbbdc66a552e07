module github.com/briefbot/briefbot

go 1.26.8

require (
	codeberg.org/readeck/go-readability/v2 v2.1.1
	github.com/PuerkitoBio/goquery v1.13.0
	github.com/go-telegram-bot-api/telegram-bot-api/v5 v5.5.1
	github.com/google/go-cmp v0.7.0
	github.com/gorilla/websocket v1.5.3
	github.com/mmcdole/gofeed v1.4.2
	github.com/slack-go/slack v0.34.0
	go.etcd.io/bbolt v1.5.0
	golang.org/x/image v0.47.0
	golang.org/x/net v0.62.0
	golang.org/x/term v0.47.0
	golang.org/x/text v0.43.0
)

require (
	github.com/andybalholm/cascadia v1.3.4 // indirect
	github.com/araddon/dateparse v0.0.0-20210429162001-6b43995a97de // indirect
	github.com/go-shiori/dom v0.0.0-20230515143342-73569d674e1c // indirect
	github.com/gogs/chardet v0.0.0-20211120154057-b7413eaefb8f // indirect
	github.com/mmcdole/goxpp/v2 v2.0.0 // indirect
	golang.org/x/sys v0.49.0 // indirect
)
