package main

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"sync"
)

type contextT = context.Context

type config struct {
	endpoint      string
	driverName    string
	nodeID        string
	stateDir      string
	maxVolumeSize int64
	// topology: report the segment topology.hostpath.csi/node=<nodeid> (NodeGetInfo, volumes).
	topology bool
	// registrationDir: the kubelet's plugins_registry folder; empty means no kubelet registration.
	registrationDir string
	// noClone, noSnapshot: behave as a driver without CLONE_VOLUME (or without
	// CREATE_DELETE_SNAPSHOT and LIST_SNAPSHOTS), so the sandbox can show what the
	// real sidecars do with such a driver.
	noClone, noSnapshot bool
}

// volume is one provisioned volume: <statedir>/<ID> is its directory
// (Filesystem) or sparse file (Block).
type volume struct {
	ID         string `json:"id"`
	Name       string `json:"name"`
	Size       int64  `json:"size"`
	Block      bool   `json:"block"`
	SourceVol  string `json:"sourceVolume,omitempty"`
	SourceSnap string `json:"sourceSnapshot,omitempty"`
}

// snapshot is a copy of a volume at <statedir>/snapshots/<ID>.
type snapshot struct {
	ID        string `json:"id"`
	Name      string `json:"name"`
	SourceVol string `json:"sourceVolume"`
	Size      int64  `json:"size"`
	Block     bool   `json:"block"`
	CreatedAt int64  `json:"createdAt"`
}

type stateFile struct {
	Volumes   []volume   `json:"volumes"`
	Snapshots []snapshot `json:"snapshots"`
}

// store keeps the driver's state in memory and in <statedir>/state.json,
// so a restarted driver still knows its volumes.
type store struct {
	mu   sync.Mutex
	path string
	st   stateFile
}

func openStore(dir string) (*store, error) {
	s := &store{path: filepath.Join(dir, "state.json")}
	b, err := os.ReadFile(s.path)
	if errors.Is(err, os.ErrNotExist) {
		return s, nil
	}
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(b, &s.st); err != nil {
		return nil, err
	}
	return s, nil
}

// save writes state.json atomically; the caller holds mu.
func (s *store) save() error {
	b, err := json.MarshalIndent(s.st, "", "  ")
	if err != nil {
		return err
	}
	tmp := s.path + ".tmp"
	if err := os.WriteFile(tmp, b, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, s.path)
}

func (s *store) volumeByName(name string) (volume, bool) {
	for _, v := range s.st.Volumes {
		if v.Name == name {
			return v, true
		}
	}
	return volume{}, false
}

func (s *store) volumeByID(id string) (volume, bool) {
	for _, v := range s.st.Volumes {
		if v.ID == id {
			return v, true
		}
	}
	return volume{}, false
}

func (s *store) snapshotByName(name string) (snapshot, bool) {
	for _, v := range s.st.Snapshots {
		if v.Name == name {
			return v, true
		}
	}
	return snapshot{}, false
}

func (s *store) snapshotByID(id string) (snapshot, bool) {
	for _, v := range s.st.Snapshots {
		if v.ID == id {
			return v, true
		}
	}
	return snapshot{}, false
}
