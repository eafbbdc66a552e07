package fetch

import "testing"

func TestExtractURL(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"look at https://news.example/a/b?c=1 please", "https://news.example/a/b?c=1"},
		{"https://news.example/story.", "https://news.example/story"},
		{"Read this: https://news.example/story!", "https://news.example/story"},
		{"(see https://news.example/story)", "https://news.example/story"},
		{"https://en.wiki.example/wiki/Foo_(bar)", "https://en.wiki.example/wiki/Foo_(bar)"},
		{"https://en.wiki.example/wiki/Foo_(bar)).", "https://en.wiki.example/wiki/Foo_(bar)"},
		{"[link](https://news.example/x)", "https://news.example/x"},
		{"<https://news.example/a?x=1&amp;y=2|News story>", "https://news.example/a?x=1&y=2"},
		{"slack bare <https://news.example/a>", "https://news.example/a"},
		{"HTTP://NEWS.EXAMPLE/A", "HTTP://NEWS.EXAMPLE/A"},
		{"two links http://a.example/1 and https://b.example/2", "http://a.example/1"},
		{"broken http:// then https://b.example/2", "https://b.example/2"},
		{"«https://news.example/ru»", "https://news.example/ru"},
		{"“https://news.example/q”,", "https://news.example/q"},
		{"ends with ellipsis https://news.example/x…", "https://news.example/x"},
		{"quote 'https://news.example/x'", "https://news.example/x"},
		{"http://[::1]:8080/a", "http://[::1]:8080/a"},
		{"no link here", ""},
		{"ftp://files.example/x", ""},
		{"https://", ""},
		{"<https://|x>", ""},
		{"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, ok := ExtractURL(tt.in)
			if got != tt.want || ok != (tt.want != "") {
				t.Errorf("ExtractURL(%q) = %q, %v; want %q", tt.in, got, ok, tt.want)
			}
		})
	}
}
