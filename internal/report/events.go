package report

// Entity is a named or typed mention: person, organization, armed_group,
// government, military, media, place, weapon, date or quantity.
type Entity struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
	Type  string `json:"type"`
	// Name is the canonical name ("Islamic State" for "Daesh").
	Name string `json:"name,omitempty"`
}

// Event is a conflict event the article claims.
type Event struct {
	// Type is airstrike, shelling, shooting, explosion, execution,
	// chemical_attack, shootdown, clash, seizure or other.
	Type string `json:"type"`
	// Cause is the FA-KES cause-of-death category.
	Cause      string      `json:"cause"`
	Actor      *Party      `json:"actor,omitempty"`
	Target     *Party      `json:"target,omitempty"`
	Location   *Location   `json:"location,omitempty"`
	Date       string      `json:"date,omitempty"`
	Casualties *Casualties `json:"casualties,omitempty"`
	Weapon     string      `json:"weapon,omitempty"`
	Evidence   Span        `json:"evidence"`
	// Attribution indexes Report.Attributions when the event is a claim.
	Attribution *int `json:"attribution,omitempty"`
}

// Party is an actor or target of an event.
type Party struct {
	Name string `json:"name"`
	// Category is the FA-KES actor category.
	Category string `json:"category"`
}

// Location is where an event happened.
type Location struct {
	Name        string `json:"name"`
	Governorate string `json:"governorate,omitempty"`
	Country     string `json:"country,omitempty"`
}

// Casualties are the counts an event reports; nil when not stated.
type Casualties struct {
	Killed     *int `json:"killed,omitempty"`
	Civilians  *int `json:"civilians,omitempty"`
	Children   *int `json:"children,omitempty"`
	Women      *int `json:"women,omitempty"`
	Combatants *int `json:"combatants,omitempty"`
	Injured    *int `json:"injured,omitempty"`
}
