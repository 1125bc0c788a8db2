package contracts

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// ModelWithShapes writes the embedded model with edit applied to its shapes to a temporary
// file and loads it with LoadModelFile, as --model loads a newer model. Tests of both packages
// (contracts and contracts_test) build their modified models with it.
func ModelWithShapes(t *testing.T, edit func(shapes map[string]any)) (*Model, error) {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("model", "cognito-idp.smithy.json"))
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	edit(doc["shapes"].(map[string]any))
	b, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "newer.json")
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return LoadModelFile(path)
}
