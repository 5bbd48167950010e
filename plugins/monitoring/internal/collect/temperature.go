package collect

import (
	"bytes"
	"path/filepath"
	"strings"
)

// sensor is one temperature file and the name it is reported under.
type sensor struct{ name, path string }

// tempReader finds temperature sensors under /sys/class/hwmon, or else
// /sys/class/thermal, and reads them in millidegrees Celsius.
type tempReader struct {
	sysfs   string
	sensors []sensor
	buf     []byte
}

func newTempReader(sysfs string) *tempReader {
	return &tempReader{sysfs: sysfs, buf: make([]byte, 0, 64)}
}

// discover rebuilds the sensor list.
func (r *tempReader) discover() {
	r.sensors = r.sensors[:0]
	inputs, _ := filepath.Glob(filepath.Join(r.sysfs, "class/hwmon/hwmon*/temp*_input"))
	for _, in := range inputs {
		dir := filepath.Dir(in)
		chip := r.text(filepath.Join(dir, "name"), filepath.Base(dir))
		base := strings.TrimSuffix(filepath.Base(in), "_input")
		label := r.text(filepath.Join(dir, base+"_label"), base)
		r.sensors = append(r.sensors, sensor{name: chip + " " + label, path: in})
	}
	if len(r.sensors) > 0 {
		return
	}
	zones, _ := filepath.Glob(filepath.Join(r.sysfs, "class/thermal/thermal_zone*/temp"))
	for _, z := range zones {
		dir := filepath.Dir(z)
		r.sensors = append(r.sensors, sensor{name: r.text(filepath.Join(dir, "type"), filepath.Base(dir)), path: z})
	}
}

// text returns a small file's trimmed content, or fallback.
func (r *tempReader) text(path, fallback string) string {
	data, err := readSmall(path, r.buf[:cap(r.buf)])
	if err != nil || len(bytes.TrimSpace(data)) == 0 {
		return fallback
	}
	return string(bytes.TrimSpace(data))
}

// read fills temps (reusing the slice) and returns it; unreadable sensors
// are left out.
func (r *tempReader) read(temps []Temperature) []Temperature {
	temps = temps[:0]
	for _, s := range r.sensors {
		data, err := readSmall(s.path, r.buf[:cap(r.buf)])
		if err != nil {
			continue
		}
		temps = append(temps, Temperature{Sensor: s.name, Celsius: float64(parseInt(bytes.TrimSpace(data))) / 1000})
	}
	return temps
}
