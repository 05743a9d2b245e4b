package scan
import ("fmt";"os";"testing";"path/filepath";"github.com/docattr/docattr/internal/docx")
func TestDump(t *testing.T){
 files,_:=filepath.Glob(os.Getenv("F"))
 for _,f:=range files{
  d,err:=docx.Open(f); if err!=nil{fmt.Println(f,err);continue}
  fmt.Println("=====",f, d.Tracked, d.CommentCount, d.Embedded, d.Core)
  for _,p:=range d.Paragraphs{ if p.Text==""&&p.Deleted==""{continue}; fmt.Printf("%s|%s|%d|c=%v|sz=%d|st=%s|%q del=%q hid=%q\n",p.Part,p.Where,p.Index,p.Center,p.FontHalfPts,p.Style,p.Text,p.Deleted,p.Hidden)}
  d.Close()
 }
}
