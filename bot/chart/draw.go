package chart

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"math"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goitalic"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
	"golang.org/x/image/vector"
)

// Colours: the Okabe–Ito blue and vermillion for marks, near-black text on
// white, greys for structure.
var (
	colBG       = color.RGBA{0xff, 0xff, 0xff, 0xff}
	colText     = color.RGBA{0x1a, 0x1a, 0x1a, 0xff}
	colMuted    = color.RGBA{0x55, 0x5b, 0x63, 0xff}
	colGrid     = color.RGBA{0xe4, 0xe7, 0xeb, 0xff}
	colSpine    = color.RGBA{0xa8, 0xae, 0xb5, 0xff}
	colAxis     = color.RGBA{0x5f, 0x65, 0x6d, 0xff}
	colEvent    = color.RGBA{0x00, 0x72, 0xb2, 0xff}
	colConflict = color.RGBA{0xd5, 0x5e, 0x00, 0xff}
)

// fontSet holds the faces of one Render call (faces are not safe for
// concurrent use, so each call makes its own).
type fontSet struct {
	title, sub, label, labelBold, labelItalic, small, smallBold font.Face
	all                                                         []font.Face
}

// Font sizes in pixels (72 DPI makes points pixels).
const (
	sizeTitle = 30
	sizeSub   = 17
	sizeLabel = 16
	sizeSmall = 15
)

func loadFonts() (*fontSet, error) {
	parse := func(name string, ttf []byte) (*opentype.Font, error) {
		f, err := opentype.Parse(ttf)
		if err != nil {
			return nil, fmt.Errorf("parse %s: %w", name, err)
		}
		return f, nil
	}
	reg, err := parse("Go Regular", goregular.TTF)
	if err != nil {
		return nil, err
	}
	bold, err := parse("Go Bold", gobold.TTF)
	if err != nil {
		return nil, err
	}
	ital, err := parse("Go Italic", goitalic.TTF)
	if err != nil {
		return nil, err
	}
	fs := &fontSet{}
	face := func(f *opentype.Font, size float64) (font.Face, error) {
		fc, err := opentype.NewFace(f, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingFull})
		if err != nil {
			return nil, fmt.Errorf("face at %gpx: %w", size, err)
		}
		fs.all = append(fs.all, fc)
		return fc, nil
	}
	specs := []struct {
		dst  *font.Face
		f    *opentype.Font
		size float64
	}{
		{&fs.title, bold, sizeTitle},
		{&fs.sub, reg, sizeSub},
		{&fs.label, reg, sizeLabel},
		{&fs.labelBold, bold, sizeLabel},
		{&fs.labelItalic, ital, sizeLabel},
		{&fs.small, reg, sizeSmall},
		{&fs.smallBold, bold, sizeSmall},
	}
	for _, s := range specs {
		fc, err := face(s.f, s.size)
		if err != nil {
			fs.close()
			return nil, err
		}
		*s.dst = fc
	}
	return fs, nil
}

func (fs *fontSet) close() {
	for _, f := range fs.all {
		f.Close()
	}
}

// canvas wraps the image being drawn with its shape rasteriser.
type canvas struct {
	img *image.RGBA
	z   vector.Rasterizer
}

func newCanvas(w, h int) *canvas {
	c := &canvas{img: image.NewRGBA(image.Rect(0, 0, w, h))}
	draw.Draw(c.img, c.img.Bounds(), image.NewUniform(colBG), image.Point{}, draw.Src)
	return c
}

// fillRect fills [x0,x1)×[y0,y1), rounded to whole pixels, clipped to the image.
func (c *canvas) fillRect(x0, y0, x1, y1 float64, col color.RGBA) {
	if !finite(x0, y0, x1, y1) {
		return
	}
	r := image.Rect(int(math.Round(x0)), int(math.Round(y0)), int(math.Round(x1)), int(math.Round(y1)))
	draw.Draw(c.img, r.Intersect(c.img.Bounds()), image.NewUniform(col), image.Point{}, draw.Over)
}

// vline draws a vertical line of width w pixels centred on x.
func (c *canvas) vline(x, y0, y1, w float64, col color.RGBA) {
	x = math.Round(x - w/2)
	c.fillRect(x, math.Min(y0, y1), x+w, math.Max(y0, y1), col)
}

// hline draws a horizontal line of width w pixels centred on y.
func (c *canvas) hline(x0, x1, y, w float64, col color.RGBA) {
	y = math.Round(y - w/2)
	c.fillRect(math.Min(x0, x1), y, math.Max(x0, x1), y+w, col)
}

// path is a closed shape in image coordinates, drawn by fillPath.
type path func(z *vector.Rasterizer, ox, oy float64)

// fillPath rasterises p, which must lie inside [x0,x1]×[y0,y1], with
// anti-aliasing, clipped to the image.
func (c *canvas) fillPath(x0, y0, x1, y1 float64, p path, col color.RGBA) {
	if !finite(x0, y0, x1, y1) {
		return
	}
	bx0, by0 := int(math.Floor(x0))-1, int(math.Floor(y0))-1
	bx1, by1 := int(math.Ceil(x1))+1, int(math.Ceil(y1))+1
	b := image.Rect(bx0, by0, bx1, by1)
	if !b.Overlaps(c.img.Bounds()) || b.Dx() > 4*c.img.Bounds().Dx() || b.Dy() > 4*c.img.Bounds().Dy() {
		return
	}
	c.z.Reset(b.Dx(), b.Dy())
	c.z.DrawOp = draw.Src
	p(&c.z, float64(bx0), float64(by0))
	mask := image.NewAlpha(image.Rect(0, 0, b.Dx(), b.Dy()))
	c.z.Draw(mask, mask.Bounds(), image.Opaque, image.Point{})
	draw.DrawMask(c.img, b, image.NewUniform(col), image.Point{}, mask, image.Point{}, draw.Over)
}

// fillCapsule fills a horizontal capsule: the segment from (x0,y) to (x1,y)
// thickened by r (a disc when x0 == x1).
func (c *canvas) fillCapsule(x0, x1, y, r float64, col color.RGBA) {
	if x1 < x0 {
		x0, x1 = x1, x0
	}
	if !(r > 0) {
		return
	}
	const k = 0.5522847498
	p := func(z *vector.Rasterizer, ox, oy float64) {
		a, b, cy, kr := float32(x0-ox), float32(x1-ox), float32(y-oy), float32(k*r)
		rr := float32(r)
		z.MoveTo(a, cy-rr)
		z.LineTo(b, cy-rr)
		z.CubeTo(b+kr, cy-rr, b+rr, cy-kr, b+rr, cy)
		z.CubeTo(b+rr, cy+kr, b+kr, cy+rr, b, cy+rr)
		z.LineTo(a, cy+rr)
		z.CubeTo(a-kr, cy+rr, a-rr, cy+kr, a-rr, cy)
		z.CubeTo(a-rr, cy-kr, a-kr, cy-rr, a, cy-rr)
		z.ClosePath()
	}
	c.fillPath(x0-r, y-r, x1+r, y+r, p, col)
}

// fillDiamond fills a square standing on a corner, centred on (x,y), whose
// half-diagonal is r.
func (c *canvas) fillDiamond(x, y, r float64, col color.RGBA) {
	if !(r > 0) {
		return
	}
	p := func(z *vector.Rasterizer, ox, oy float64) {
		cx, cy, rr := float32(x-ox), float32(y-oy), float32(r)
		z.MoveTo(cx, cy-rr)
		z.LineTo(cx+rr, cy)
		z.LineTo(cx, cy+rr)
		z.LineTo(cx-rr, cy)
		z.ClosePath()
	}
	c.fillPath(x-r, y-r, x+r, y+r, p, col)
}

// text draws s with its baseline at y, starting at x, and returns the x
// after it.
func (c *canvas) text(face font.Face, s string, x, y float64, col color.RGBA) float64 {
	if !finite(x, y) {
		return x
	}
	d := font.Drawer{Dst: c.img, Src: image.NewUniform(col), Face: face, Dot: fixed.P(int(math.Round(x)), int(math.Round(y)))}
	d.DrawString(s)
	return float64(d.Dot.X) / 64
}

func finite(vs ...float64) bool {
	for _, v := range vs {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return false
		}
	}
	return true
}

// measure is the advance width of s in face, in pixels.
func measure(face font.Face, s string) float64 {
	return float64(font.MeasureString(face, s)) / 64
}

// ascent and descent of a face in pixels.
func ascent(face font.Face) float64  { return float64(face.Metrics().Ascent) / 64 }
func descent(face font.Face) float64 { return float64(face.Metrics().Descent) / 64 }

// fitText returns s, or the longest prefix of it followed by "…", whose
// width in face is at most maxW; "" when not even "…" fits.
func fitText(face font.Face, s string, maxW float64) string {
	if measure(face, s) <= maxW {
		return s
	}
	rs := []rune(s)
	cut := func(n int) string {
		return trimRightSpace(string(rs[:n])) + "…"
	}
	lo, hi := 0, len(rs) // cut(lo) fits (if anything does), cut(hi) does not
	if measure(face, cut(0)) > maxW {
		return ""
	}
	for hi-lo > 1 {
		mid := (lo + hi) / 2
		if measure(face, cut(mid)) <= maxW {
			lo = mid
		} else {
			hi = mid
		}
	}
	return cut(lo)
}

func trimRightSpace(s string) string {
	for len(s) > 0 && (s[len(s)-1] == ' ' || s[len(s)-1] == ',' || s[len(s)-1] == ';') {
		s = s[:len(s)-1]
	}
	return s
}
