package fakeserver

import (
	"errors"
	"net/http"
	"strconv"
)

// registerFaultAdmin adds the admin endpoints of faults, chaos and
// duplicates to mux (documented in doc.go).
func (s *Server) registerFaultAdmin(mux *http.ServeMux) {
	mux.HandleFunc("GET /_fake/faults", func(w http.ResponseWriter, _ *http.Request) {
		adminJSON(w, http.StatusOK, map[string]any{"faults": nonNil(s.Faults())})
	})
	mux.HandleFunc("POST /_fake/faults", func(w http.ResponseWriter, r *http.Request) {
		var f Fault
		if err := decodeAdmin(r, &f, false); err != nil {
			adminError(w, http.StatusBadRequest, err)
			return
		}
		id, err := s.AddFault(f)
		if err != nil {
			adminError(w, http.StatusBadRequest, err)
			return
		}
		adminJSON(w, http.StatusCreated, map[string]int{"id": id})
	})
	mux.HandleFunc("PUT /_fake/faults", func(w http.ResponseWriter, r *http.Request) {
		var body struct {
			Faults []Fault `json:"faults"`
		}
		if err := decodeAdmin(r, &body, false); err != nil {
			adminError(w, http.StatusBadRequest, err)
			return
		}
		ids, err := s.SetFaults(body.Faults...)
		if err != nil {
			adminError(w, http.StatusBadRequest, err)
			return
		}
		adminJSON(w, http.StatusOK, map[string][]int{"ids": nonNil(ids)})
	})
	mux.HandleFunc("DELETE /_fake/faults", func(w http.ResponseWriter, _ *http.Request) {
		s.ClearFaults()
		adminJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})
	mux.HandleFunc("DELETE /_fake/faults/{id}", func(w http.ResponseWriter, r *http.Request) {
		id, err := strconv.Atoi(r.PathValue("id"))
		if err != nil || !s.RemoveFault(id) {
			adminError(w, http.StatusNotFound, errors.New("no such fault"))
			return
		}
		adminJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})
	mux.HandleFunc("GET /_fake/chaos", func(w http.ResponseWriter, _ *http.Request) {
		adminJSON(w, http.StatusOK, s.Chaos())
	})
	mux.HandleFunc("PUT /_fake/chaos", func(w http.ResponseWriter, r *http.Request) {
		var c Chaos
		if err := decodeAdmin(r, &c, false); err != nil {
			adminError(w, http.StatusBadRequest, err)
			return
		}
		if err := s.SetChaos(c); err != nil {
			adminError(w, http.StatusBadRequest, err)
			return
		}
		adminJSON(w, http.StatusOK, s.Chaos())
	})
	mux.HandleFunc("GET /_fake/duplicates", s.adminDuplicates)
}
