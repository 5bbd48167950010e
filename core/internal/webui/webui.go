// Package webui serves the embedded dashboard: its files with the right
// caching (hashed assets immutable, everything else revalidated), a strict
// Content-Security-Policy, gzip for clients that accept it, and index.html
// for the dashboard's own client-side routes.
package webui

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"slices"
	"strings"
	"sync"

	"github.com/gofiber/fiber/v2"
)

// CSP is the Content-Security-Policy of every dashboard response: scripts,
// styles and connections from this origin only, no inline script, no
// framing.
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"connect-src 'self'; font-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"

// Cache-Control values: files under assets/ carry a content hash in their
// name, so they never change; the rest must be revalidated.
const (
	cacheImmutable  = "public, max-age=31536000, immutable"
	cacheRevalidate = "no-cache"
)

// minGzip is the size under which compressing is not worth it.
const minGzip = 512

// ErrNotBuilt is returned by New when the files hold no index.html.
var ErrNotBuilt = errors.New("webui: the dashboard is not built (run make web)")

// file is one servable file, with its gzip form when that is smaller.
type file struct {
	body, gz    []byte
	contentType string
	cache       string
	etag        string
}

// Handler serves the dashboard from its files. Each file is read and
// compressed at its first request and then held in memory, so that a panel
// nobody opens spends nothing on its dashboard.
type Handler struct {
	fsys   fs.FS
	files  map[string]*lazyFile
	index  *lazyFile
	routes map[string]bool
}

// lazyFile is one file of the dashboard, loaded once when first served.
type lazyFile struct {
	name string
	once sync.Once
	f    *file
	err  error
}

func (l *lazyFile) get(fsys fs.FS) (*file, error) {
	l.once.Do(func() { l.f, l.err = load(fsys, l.name) })
	return l.f, l.err
}

// New lists every file of fsys (dotfiles excepted), to be read and
// prepared at its first request. routes are the first path segments of the dashboard's client-side
// routes, answered with index.html; none may be one of reserved (the
// server's own first segments, such as "api"). New returns ErrNotBuilt, with
// a usable Handler, when fsys has no index.html: that Handler answers the
// dashboard's paths with a 404 that says so.
func New(fsys fs.FS, routes, reserved []string) (*Handler, error) {
	h := &Handler{fsys: fsys, files: map[string]*lazyFile{}, routes: map[string]bool{}}
	for _, r := range routes {
		if r == "" || strings.Contains(r, "/") || slices.Contains(reserved, r) {
			return nil, fmt.Errorf("webui: client route %q: want one path segment that is not one of %v", r, reserved)
		}
		h.routes[r] = true
	}
	err := fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return err
		case name != "." && strings.HasPrefix(d.Name(), "."):
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		case d.IsDir():
			return nil
		}
		h.files["/"+name] = &lazyFile{name: name}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("webui: read files: %w", err)
	}
	h.index = h.files["/index.html"]
	if h.index == nil {
		return h, ErrNotBuilt
	}
	return h, nil
}

// Owns reports whether path is the dashboard's: one of its files, "/", or
// a client-side route. Other paths belong to the rest of the server.
func (h *Handler) Owns(path string) bool {
	if _, ok := h.files[path]; ok || path == "/" {
		return true
	}
	first, _, _ := strings.Cut(strings.TrimPrefix(path, "/"), "/")
	return h.routes[first]
}

// load reads one file and computes its headers and gzip form.
func load(fsys fs.FS, name string) (*file, error) {
	body, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(body)
	f := &file{body: body, contentType: contentType(name), cache: cacheRevalidate,
		etag: `"` + hex.EncodeToString(sum[:12]) + `"`}
	if strings.HasPrefix(name, "assets/") {
		f.cache = cacheImmutable
	}
	if compressible(f.contentType) && len(body) >= minGzip {
		gz, err := gzipBytes(body)
		if err != nil {
			return nil, err
		}
		if len(gz) < len(body) {
			f.gz = gz
		}
	}
	return f, nil
}

func contentType(name string) string {
	if t := mime.TypeByExtension(path.Ext(name)); t != "" {
		return t
	}
	return "application/octet-stream"
}

func compressible(ct string) bool {
	return strings.HasPrefix(ct, "text/") || strings.Contains(ct, "javascript") ||
		strings.Contains(ct, "json") || strings.Contains(ct, "svg") || strings.Contains(ct, "wasm")
}

func gzipBytes(b []byte) ([]byte, error) {
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	if _, err := zw.Write(b); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Serve answers a path that Owns: the file, or index.html for a client
// route. Any other path is fiber.ErrNotFound.
func (h *Handler) Serve(c *fiber.Ctx) error {
	p := c.Path()
	if !h.Owns(p) {
		return fiber.ErrNotFound
	}
	if h.index == nil {
		c.Set(fiber.HeaderCacheControl, "no-store")
		return c.Status(http.StatusNotFound).SendString(ErrNotBuilt.Error() + ", then rebuild diwan\n")
	}
	l, ok := h.files[p]
	if !ok {
		l = h.index
	}
	f, err := l.get(h.fsys)
	if err != nil {
		return fmt.Errorf("webui: %s: %w", l.name, err)
	}
	return send(c, f)
}

// send writes f with its headers, gzip when accepted, or 304 when the
// client's copy is current.
func send(c *fiber.Ctx, f *file) error {
	c.Set(fiber.HeaderContentSecurityPolicy, CSP)
	c.Set(fiber.HeaderCacheControl, f.cache)
	c.Set(fiber.HeaderETag, f.etag)
	c.Set(fiber.HeaderVary, fiber.HeaderAcceptEncoding)
	c.Set(fiber.HeaderContentType, f.contentType)
	if match := c.Get(fiber.HeaderIfNoneMatch); match != "" && strings.Contains(match, f.etag) {
		return c.SendStatus(http.StatusNotModified)
	}
	if f.gz != nil && acceptsGzip(c.Get(fiber.HeaderAcceptEncoding)) {
		c.Set(fiber.HeaderContentEncoding, "gzip")
		return c.Send(f.gz)
	}
	return c.Send(f.body)
}

// acceptsGzip reads an Accept-Encoding header: gzip (or *) listed without
// q=0.
func acceptsGzip(header string) bool {
	for part := range strings.SplitSeq(header, ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		name = strings.ToLower(strings.TrimSpace(name))
		if name != "gzip" && name != "*" {
			continue
		}
		q := strings.ReplaceAll(strings.ToLower(params), " ", "")
		if q == "q=0" || q == "q=0.0" || q == "q=0.00" || q == "q=0.000" {
			return false
		}
		return true
	}
	return false
}
