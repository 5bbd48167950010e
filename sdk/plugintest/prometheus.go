package plugintest

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

var (
	promSample = regexp.MustCompile(`^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{.*\})?\s+(\S+)(\s+-?[0-9]+)?$`)
	promLabels = regexp.MustCompile(`^\{\s*([a-zA-Z_][a-zA-Z0-9_]*="([^"\\]|\\.)*"\s*(,\s*[a-zA-Z_][a-zA-Z0-9_]*="([^"\\]|\\.)*"\s*)*,?)?\}$`)
	promHelp   = regexp.MustCompile(`^# HELP [a-zA-Z_:][a-zA-Z0-9_:]*( .*)?$`)
	promType   = regexp.MustCompile(`^# TYPE [a-zA-Z_:][a-zA-Z0-9_:]* (counter|gauge|histogram|summary|untyped)$`)
)

// promProblems checks text line by line against the Prometheus text
// exposition format (a simple check: names, labels, values, HELP and TYPE
// comments) and returns one problem per bad line.
func promProblems(text string) []string {
	var problems []string
	for i, line := range strings.Split(text, "\n") {
		if err := promLine(line); err != nil {
			problems = append(problems, fmt.Sprintf("line %d %q: %v", i+1, line, err))
		}
	}
	return problems
}

func promLine(line string) error {
	switch {
	case strings.TrimSpace(line) == "":
		return nil
	case strings.HasPrefix(line, "# HELP"):
		return matches(promHelp, line, "a HELP line")
	case strings.HasPrefix(line, "# TYPE"):
		return matches(promType, line, "a TYPE line")
	case strings.HasPrefix(line, "#"):
		return nil
	}
	m := promSample.FindStringSubmatch(line)
	if m == nil {
		return fmt.Errorf("is not a sample: name{labels} value [timestamp]")
	}
	if m[2] != "" && !promLabels.MatchString(m[2]) {
		return fmt.Errorf("labels %s are not name=\"value\" pairs", m[2])
	}
	if _, err := strconv.ParseFloat(m[3], 64); err != nil {
		return fmt.Errorf("value %q is not a number", m[3])
	}
	return nil
}

func matches(re *regexp.Regexp, line, what string) error {
	if !re.MatchString(line) {
		return fmt.Errorf("is not %s", what)
	}
	return nil
}
