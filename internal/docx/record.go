package docx

import "github.com/docattr/docattr/internal/attr"

// RecordPrefix starts the names of docattr's custom document properties.
const RecordPrefix = "docattr."

// RecordFormatVersion is written into every record; bump it when the
// meaning of a property changes.
const RecordFormatVersion = "1"

// Record is docattr's decision as stored inside the file, one custom
// document property per field (docattr.attribute, docattr.basis, ...), so
// that Word's File → Properties shows it and other tools can read it.
type Record struct {
	Attribute      string `json:"attribute"`                // public, on-request, withheld, ...
	Basis          string `json:"basis,omitempty"`          // legal basis id, e.g. 条例第十五条
	Reason         string `json:"reason,omitempty"`         // the drafter's reason
	Secrecy        string `json:"secrecy,omitempty"`        // 秘密, 机密, 绝密 or ""
	Period         string `json:"period,omitempty"`         // 1年, 2028年12月31日, 会议开始前, "" = legal maximum
	PolicyDoc      bool   `json:"policy_doc,omitempty"`     // 政策性文件
	Interpretation string `json:"interpretation,omitempty"` // 解读材料 file name
	DocID          string `json:"doc_id"`                   // survives re-marking
	MarkedAt       string `json:"marked_at"`                // RFC 3339
	MarkedBy       string `json:"marked_by"`
	AuditHead      string `json:"audit_head,omitempty"` // "seq:hash" of the audit log when stamped
	Acknowledged   string `json:"acknowledged,omitempty"`
	Lifecycle      string `json:"lifecycle,omitempty"` // amended, repealed, expired
	LifecycleDate  string `json:"lifecycle_date,omitempty"`
	LifecycleRef   string `json:"lifecycle_ref,omitempty"`
	FormatVersion  string `json:"format_version"`
	// Added later in format 1, as optional properties older readers ignore:
	SecrecyUntil string `json:"secrecy_until,omitempty"`         // 保密期限至 2027-07-10, from the 成文日期; "" for a 解密条件
	DocType      string `json:"doc_type,omitempty"`              // 规范性文件, 政策性文件, 其他 (the settings' list)
	InterpSHA256 string `json:"interpretation_sha256,omitempty"` // SHA-256 of the 解读材料 file, hex
	// The 定密 record of the level:
	Classifier   string `json:"classifier,omitempty"`    // 定密责任人
	SecrecyBasis string `json:"secrecy_basis,omitempty"` // 定密依据 (保密事项范围 item)
	Scope        string `json:"scope,omitempty"`         // 知悉范围
	DerivedFrom  string `json:"derived_from,omitempty"`  // 派生定密的来源文号
	// 解密 of an issued document (docattr lifecycle): the level and period
	// above are cleared, the line printed stays with its annotation.
	Declassified     string `json:"declassified,omitempty"`      // 解密日期, 2027-03-01
	DeclassifiedFrom string `json:"declassified_from,omitempty"` // the mark it had, 秘密★1年
	DeclassifyGround string `json:"declassify_ground,omitempty"` // 解密依据
}

// fields lists the record's properties with their names, in the order they
// are written.
func (r *Record) fields() []struct {
	name string
	val  *string
} {
	policy := ""
	if r.PolicyDoc {
		policy = "true"
	}
	type f = struct {
		name string
		val  *string
	}
	return []f{
		{"attribute", &r.Attribute}, {"basis", &r.Basis}, {"reason", &r.Reason},
		{"secrecy", &r.Secrecy}, {"period", &r.Period}, {"policyDoc", &policy},
		{"interpretation", &r.Interpretation}, {"docId", &r.DocID}, {"markedAt", &r.MarkedAt},
		{"markedBy", &r.MarkedBy}, {"auditHead", &r.AuditHead}, {"acknowledged", &r.Acknowledged},
		{"lifecycle", &r.Lifecycle}, {"lifecycleDate", &r.LifecycleDate}, {"lifecycleRef", &r.LifecycleRef},
		{"formatVersion", &r.FormatVersion}, {"secrecyUntil", &r.SecrecyUntil}, {"docType", &r.DocType},
		{"interpretationSha256", &r.InterpSHA256}, {"classifier", &r.Classifier}, {"secrecyBasis", &r.SecrecyBasis},
		{"scope", &r.Scope}, {"derivedFrom", &r.DerivedFrom},
		{"declassified", &r.Declassified}, {"declassifiedFrom", &r.DeclassifiedFrom}, {"declassifyGround", &r.DeclassifyGround},
	}
}

// Properties returns the record as custom properties (empty values left out).
func (r Record) Properties() []Property {
	var out []Property
	for _, f := range r.fields() {
		if *f.val != "" {
			out = append(out, Property{Name: RecordPrefix + f.name, Value: *f.val})
		}
	}
	return out
}

// Record returns docattr's record embedded in the document, or nil.
func (d *Document) Record() *Record {
	if d.Props == nil {
		return nil
	}
	var r Record
	found := false
	policy := ""
	for _, f := range r.fields() {
		v, ok := d.Props.Get(RecordPrefix + f.name)
		if !ok {
			continue
		}
		found = true
		if f.name == "policyDoc" {
			policy = v
			continue
		}
		*f.val = v
	}
	if !found {
		return nil
	}
	r.PolicyDoc = policy == "true"
	return &r
}

// ClassificationOf returns the record's 定密 record.
func (r *Record) ClassificationOf() attr.Classification {
	return attr.Classification{Classifier: r.Classifier, SecrecyBasis: r.SecrecyBasis, Scope: r.Scope, DerivedFrom: r.DerivedFrom}
}
