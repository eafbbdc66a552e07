package storage_test

import (
	"context"
	"fmt"
	"log"
	"os"
	"path/filepath"

	"github.com/briefbot/briefbot/analysis"
	"github.com/briefbot/briefbot/storage"
)

func Example() {
	dir, err := os.MkdirTemp("", "briefbot-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)

	db, err := storage.Open(filepath.Join(dir, "briefbot.db"), storage.Options{})
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()

	save := func(title, text string, name string, facts ...analysis.Fact) {
		a := &analysis.Analysis{
			Article:  analysis.Article{Title: title, Outlet: "The Example Post", Text: text, Hash: analysis.ContentHash(text)},
			Entities: []analysis.Entity{{Name: name, Type: analysis.PER, Aliases: []string{name}}},
			Facts:    facts,
		}
		res, err := db.Save(ctx, a)
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("saved article %d, %s is entity %d\n", res.ID, name, res.Entities[1])
	}
	save("Envoy arrives", "Mara Quill arrived in Port Ellis on 3 March 2025.", "Mara Quill",
		analysis.Fact{Kind: analysis.Event, Text: "Mara Quill arrived in Port Ellis", Entities: []uint64{1},
			Date: analysis.Date{Year: 2025, Month: 3, Day: 3, Prec: analysis.Day}, Action: "visit"})
	save("Envoy's plans", "Quill said in February she would visit in March.", "Quill",
		analysis.Fact{Kind: analysis.Event, Text: "she would visit in March", Entities: []uint64{1},
			Date: analysis.Date{Year: 2025, Month: 3, Prec: analysis.Month}, Planned: true, Action: "visit"})

	ids, err := db.LookupAlias(ctx, analysis.NormalizeName("Quill"))
	if err != nil {
		log.Fatal(err)
	}
	facts, err := db.FactsAbout(ctx, ids[0])
	if err != nil {
		log.Fatal(err)
	}
	for _, f := range facts {
		fmt.Printf("%-10s %s (article %d)\n", f.Date, f.Text, f.Article)
	}
	// Output:
	// saved article 1, Mara Quill is entity 1
	// saved article 2, Quill is entity 1
	// 2025-03    she would visit in March (article 2)
	// 2025-03-03 Mara Quill arrived in Port Ellis (article 1)
}
