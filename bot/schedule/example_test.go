package schedule_test

import (
	"fmt"
	"time"

	"github.com/briefbot/briefbot/bot/schedule"
)

func ExampleParseArgs() {
	s, err := schedule.ParseArgs("8:30pm europe/berlin Anna Kowalski, Varga")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%s %s %q\n", s.At, s.Zone, s.Filter)

	_, err = schedule.ParseArgs("25:00 Mars/Base")
	fmt.Println(err)
	// Output:
	// 20:30 Europe/Berlin ["Anna Kowalski" "Varga"]
	// "25:00" is not a time of day: use 24-hour HH:MM such as 08:00 or 17:30, or 8am, 8:30pm
}

func ExampleNextRun() {
	// 02:30 does not exist in Berlin on 29 March 2026: the clocks go from
	// 02:00 to 03:00, and the briefing runs at 03:00.
	s := schedule.Subscription{Platform: "console", ChatID: "c", At: "02:30", Zone: "Europe/Berlin", LastSent: "2026-03-28"}
	next, err := schedule.NextRun(s, time.Date(2026, 3, 28, 12, 0, 0, 0, time.UTC))
	if err != nil {
		fmt.Println(err)
		return
	}
	berlin, _ := time.LoadLocation("Europe/Berlin")
	fmt.Println(next.In(berlin).Format("Mon 2 Jan 15:04 MST"))
	// Output:
	// Sun 29 Mar 03:00 CEST
}
