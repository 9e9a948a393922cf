//go:build tools

// Package tools pins krew (the kubectl plugin manager) and its manifest validator, which the
// release tests build from source to install the plugin exactly as a user's krew would.
package tools

import (
	_ "sigs.k8s.io/krew/cmd/krew"
	_ "sigs.k8s.io/krew/cmd/validate-krew-manifest"
)
