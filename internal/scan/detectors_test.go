package scan

import (
	"fmt"
	"testing"
)

// found is a compact view of findNumbers for tables: "kind:masked".
func found(text string) []string {
	var out []string
	for _, m := range findNumbers(text) {
		switch m.kind {
		case KindIDCard:
			out = append(out, "id:"+maskID(m.digits))
		case KindBankCard:
			out = append(out, "bank:"+maskBankCard(m.digits))
		case KindMobile:
			out = append(out, "mobile:"+maskMobile(m.digits))
		}
	}
	return out
}

func TestNumberDetectors(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		// identity numbers
		{"id plain", "身份证号110105194901010021。", []string{"id:1101**********0021"}},
		{"id wrong X", "身份证号11010519490101002X", nil}, // the check char of this one is 1
		{"id lower x", "号码：11010519491231002x，", []string{"id:1101**********002X"}},
		{"id spaced 6-8-4", "110105 19491231 002X", []string{"id:1101**********002X"}},
		{"id hyphenated", "110105-19491231-002X", []string{"id:1101**********002X"}},
		{"id full-width", "１１０１０５１９４９１２３１００２Ｘ", []string{"id:1101**********002X"}},
		{"id in longer run", "编号1110105194901010021", nil},
		{"id followed by digit", "1101051949010100211", nil},
		{"id bad check digit", "110105194901010020", nil},
		{"id bad birth date month 13", "110105194913010010", nil},
		{"id bad birth date Feb 30", "110105194902300012", nil},
		{"id born before 1900", "110105189901010017", nil},
		{"id born in the future", "110105209901010012", nil},
		{"corpus decoy", "项目编号110105196103096357已备案", nil},

		// mobiles
		{"mobile plain", "手机13800138000。", []string{"mobile:138****8000"}},
		{"mobile spaced", "电话 138 0013 8000", []string{"mobile:138****8000"}},
		{"mobile hyphenated", "138-0013-8000", []string{"mobile:138****8000"}},
		{"mobile +86", "+8613800138000", []string{"mobile:138****8000"}},
		{"mobile +86 spaced", "+86 138 0013 8000", []string{"mobile:138****8000"}},
		{"mobile (+86)", "（+86）13800138000", []string{"mobile:138****8000"}},
		{"mobile full-width", "１３８００１３８０００", []string{"mobile:138****8000"}},
		{"two mobiles side by side", "13800138000 13900139000", []string{"mobile:138****8000", "mobile:139****9000"}},
		{"mobile 12 prefix is not a mobile", "12800138000", nil},
		{"mobile in longer run", "213800138000", nil},
		{"mobile followed by digit", "138001380001", nil},
		{"amount in yuan", "投资13800138000元", nil},
		{"decimal amount", "13800138000.50", nil},
		{"thousands", "1,380,013,800", nil},
		{"hotline", "请拨打12345热线", nil},
		{"95 hotline", "客服95588", nil},
		{"400 hotline", "400-810-8888", nil},
		{"landline with area code", "0411-12345678", nil},
		{"landline in brackets", "(024)2345 6789", nil},
		{"landline with trailing mobile-like", "0412-5551234", nil},
		{"date", "2017年7月11日", nil},
		{"doc number", "国办发〔2017〕24号", nil},
		{"count", "全年公开数据1398998条", nil},

		// bank cards
		{"bank 19 digits", "银行卡号6228480402564890018", []string{"bank:6228 **** **** *** 0018"}},
		{"bank 16 grouped", "6222 0212 3456 7894", []string{"bank:6222 **** **** 7894"}},
		{"bank 16 hyphen", "6222-0212-3456-7894", []string{"bank:6222 **** **** 7894"}},
		{"bank failing Luhn", "6222021234567899", nil},
		{"bank in 20 digits", "62220212345678940000", nil},
		{"bank 20 digits grouped", "6222 0212 3456 7894 0000", nil},
		{"bank starting with 0", "0222021234567897", nil},
		{"bank yen prefix", "￥6222021234567894", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := found(tc.text)
			if fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Errorf("findNumbers(%q) = %v, want %v", tc.text, got, tc.want)
			}
		})
	}
}

func TestValidIDCard(t *testing.T) {
	tests := []struct {
		id   string
		want bool
	}{
		{"110105194901010021", true},
		{"11010519491231002X", true},
		{"110105195506030043", true}, // corpus
		{"110105196103096357", false},
		{"211103199810197224", false},
		{"110105194901010020", false},
		{"11010519490101002", false},
		{"1101051949010100200", false},
		{"110105194902290010", false}, // 1949 is no leap year
	}
	for _, tc := range tests {
		if got := validIDCard(tc.id); got != tc.want {
			t.Errorf("validIDCard(%s) = %v, want %v", tc.id, got, tc.want)
		}
	}
}

func TestLuhn(t *testing.T) {
	for s, want := range map[string]bool{
		"4111111111111111": true, "6222021234567894": true, "6228485913617152136": true,
		"4111111111111112": false, "6222021234567899": false,
	} {
		if got := luhn(s); got != want {
			t.Errorf("luhn(%s) = %v, want %v", s, got, want)
		}
	}
}

func TestMasks(t *testing.T) {
	tests := []struct{ got, want string }{
		{maskID("21030219800101123X"), "2103**********123X"},
		{maskMobile("13800138000"), "138****8000"},
		{maskBankCard("6222021234561234"), "6222 **** **** 1234"},
		{maskBankCard("6228485913617152136"), "6228 **** **** *** 2136"},
		{maskText("张三，身份证号110105194901010021，手机13800138000"), "张三，身份证号1101**********0021，手机138****8000"},
	}
	for _, tc := range tests {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
}
