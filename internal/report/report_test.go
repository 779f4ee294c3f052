package report

import "testing"

func TestIsDate(t *testing.T) {
	for s, want := range map[string]bool{"2017-04-05": true, "2017-4-05": false, "2017/04/05": false, "20a7-04-05": false, "": false, "2017-04-055": false} {
		if IsDate(s) != want {
			t.Errorf("IsDate(%q) = %v", s, !want)
		}
	}
	if HashText("a") != "ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb" {
		t.Error("HashText is not hex sha256")
	}
}
