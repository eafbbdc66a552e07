package analysis

// Saved is what storing an Analysis did: the article's ID (an existing one's
// for a duplicate) and how local entity IDs were linked to stored entities.
type Saved struct {
	ID        uint64
	Duplicate bool
	Entities  map[uint64]uint64 // local entity ID → stored entity ID
}

// Sighting is an entity seen in one article.
type Sighting struct {
	Article  uint64
	Mentions int
	Aliases  []string // the forms that article uses
}

// Counts are the sizes of a store.
type Counts struct {
	Articles, Facts, Entities int
	SizeBytes                 int64
}
