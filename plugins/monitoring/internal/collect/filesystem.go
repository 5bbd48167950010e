package collect

import (
	"strings"
	"syscall"
)

// pseudoFS are filesystem types that hold no disk data.
var pseudoFS = map[string]bool{
	"proc": true, "sysfs": true, "devtmpfs": true, "devpts": true, "tmpfs": true, "cgroup": true,
	"cgroup2": true, "pstore": true, "bpf": true, "tracefs": true, "debugfs": true, "securityfs": true,
	"configfs": true, "fusectl": true, "mqueue": true, "hugetlbfs": true, "autofs": true,
	"binfmt_misc": true, "rpc_pipefs": true, "nsfs": true, "ramfs": true, "squashfs": true,
	"efivarfs": true, "overlay": true, "fuse.lxcfs": true, "fuse.gvfsd-fuse": true, "selinuxfs": true,
}

// mount is one entry of the mount table worth reporting.
type mount struct{ device, point, fstype string }

// fsReader lists the real filesystems from /proc/self/mounts, refreshing
// the list now and then, and reads their usage with statfs every time.
type fsReader struct {
	file   *procFile
	fields [][]byte
	mounts []mount
}

func newFSReader(root string) *fsReader {
	return &fsReader{file: newProcFile(root, "self/mounts"), fields: make([][]byte, 0, 6)}
}

// refresh rereads the mount table: device-backed filesystems whose type
// holds data, the first mount of each device only.
func (r *fsReader) refresh() error {
	data, err := r.file.read()
	if err != nil {
		return err
	}
	r.mounts = r.mounts[:0]
	seen := map[string]bool{}
	for len(data) > 0 {
		var line []byte
		line, data = nextLine(data)
		r.fields = splitFields(line, r.fields)
		if len(r.fields) < 3 {
			continue
		}
		dev, point, typ := string(r.fields[0]), unescapeMount(string(r.fields[1])), string(r.fields[2])
		if pseudoFS[typ] || !strings.HasPrefix(dev, "/dev/") || seen[dev] {
			continue
		}
		seen[dev] = true
		r.mounts = append(r.mounts, mount{device: dev, point: point, fstype: typ})
	}
	return nil
}

// read fills fss (reusing the slice) with each mount's usage and returns
// it; mounts that statfs refuses are left out.
func (r *fsReader) read(fss []Filesystem) []Filesystem {
	n := 0
	var st syscall.Statfs_t
	for _, m := range r.mounts {
		if syscall.Statfs(m.point, &st) != nil || st.Blocks == 0 {
			continue
		}
		if n == len(fss) {
			fss = append(fss, Filesystem{})
		}
		bsize := uint64(st.Bsize) // #nosec G115 -- a block size is positive
		fss[n] = Filesystem{
			Mount: m.point, Device: m.device, Type: m.fstype,
			Size: st.Blocks * bsize, Used: (st.Blocks - st.Bfree) * bsize, Avail: st.Bavail * bsize,
			Files: st.Files, FilesFree: st.Ffree,
		}
		n++
	}
	return fss[:n]
}

// unescapeMount undoes the octal escapes of /proc/mounts (\040 for space).
func unescapeMount(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+3 < len(s) {
			v := (s[i+1]-'0')<<6 | (s[i+2]-'0')<<3 | (s[i+3] - '0')
			b.WriteByte(v)
			i += 3
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}
