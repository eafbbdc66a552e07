package entity

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// firstNamesTable: common first names of many languages, including the
// usual English transliterations of Russian, Ukrainian, Arabic, Chinese and
// other names. Variant groups (nameGroups) are added too.
const firstNamesTable = `
Aaron Abigail Adam Adrian Agnes Alan Albert Alberto Alfred Alice Alicia Alison Allison Amanda Amber Amy Andrea
Angela Anita Ann Anna Anne Annie Antonio Arthur Ashley Audrey Barbara Barry Benjamin Bernard Beth Betty
Beverly Bill Billy Bob Bobby Bonnie Boris Brad Bradley Brandon Brenda Brian Bruce Bryan Carl Carlos Carol
Caroline Carolyn Catherine Charles Charlie Charlotte Cheryl Chris Christian Christina Christine Christopher
Cindy Claire Clara Craig Cynthia Dale Daniel Danielle Danny Darren David Dean Deborah Debra Denis Dennis Derek
Diana Diane Donald Donna Doris Dorothy Douglas Dylan Earl Edith Edward Eileen Elaine Eleanor Elijah Elizabeth
Ellen Emily Emma Eric Erica Erik Ethan Eugene Evan Evelyn Frances Francis Frank Fred Frederick Gary George
Gerald Gloria Gordon Grace Graham Greg Gregory Hannah Harold Harry Heather Helen Henry Howard Ian Irene Isaac
Jack Jacob Jacqueline James Jamie Jane Janet Janice Jared Jason Jean Jeff Jeffrey Jennifer Jeremy Jerry Jesse
Jessica Jill Jim Jimmy Joan Joe Joel John Johnny Jonathan Jordan Jose Joseph Joshua Joyce Juan Judith Judy
Julia Julie Justin Karen Karl Kate Katherine Kathleen Kathryn Kathy Keith Kelly Kenneth Kevin Kimberly Kyle
Larry Laura Lauren Lawrence Leah Lee Leonard Leslie Lillian Linda Lindsey Lisa Lois Lori Louis Louise Lucas
Luke Lynn Madison Margaret Maria Marie Marilyn Mark Martha Martin Marvin Mary Matthew Megan Melissa Michael
Michelle Mike Mildred Nancy Natalie Nathan Neil Nicholas Nicole Norma Olivia Oliver Pamela Patricia Patrick
Paul Paula Peggy Peter Philip Phillip Rachel Ralph Randy Raymond Rebecca Richard Rick Rita Robert Roberta
Robin Roger Ronald Rose Ruby Russell Ruth Ryan Samantha Samuel Sandra Sara Sarah Scott Sean Sharon Shirley
Simon Sophia Stanley Stephanie Stephen Steve Steven Susan Tammy Teresa Terry Theresa Thomas Tiffany Timothy
Tina Todd Tom Tony Tracy Tyler Valerie Vanessa Victor Victoria Vincent Virginia Walter Wayne Wendy William
Willie Zachary Marco Hunter Kamala Hillary Barack Mitch Chuck Ted Marjorie Tulsi Pete Kristi Karoline Keir
Rishi Emmanuel Olaf Friedrich Ursula Giorgia Pedro Viktor Recep Bibi Volodymyr Andrzej Narendra Xi Kim Shinzo
Fumio Shigeru Yoon Javier Gustavo Claudia Andres Mahmoud Bashar Abdel Fattah Tayyip Ilham Nikol Alexander
Kassym Shavkat Emomali Sadyr Serdar Aliaksandr Maia Irakli Bidzina Salome Aleksandar Milos Edi Nayib Nicolas
Hugo Fidel Raul Evo Dilma Jair Ignazio Silvio Matteo Mario Sergio Enrico Pierre Jacques Francois Marine
Gabriel Kaja Josep Kyriakos Alexis Nikos Jens Jean-Claude Jean-Yves Jean-Marie Jean-Pierre Jean-Luc Jean-Paul
Anne-Marie Marie-Louise Hans Jurgen Helmut Gerhard Wolfgang Annalena Markus Lars Anders Henrik Magnus Nils
Sven Ulf Stefan Mette Sanna Jonas Gitanas Edgars Alar Karin Mateusz Radoslaw Lech Jaroslaw Pawel Piotr
Krzysztof Tomasz Michal Zbigniew Bogdan Zoran Milorad Janez Zeljko Andrej Igor Ivan Oleg Yuri Dmitry Sergei
Nikolai Vladimir Alexei Anatoly Arkady Fyodor Gennady Grigory Ilya Konstantin Leonid Maxim Nikita Pavel Pyotr
Roman Ruslan Semyon Stanislav Timur Vadim Valentin Valery Vasily Vitaly Vyacheslav Yaroslav Yevgeny Zakhar
Kirill Mikhail Andrei Aleksandr Ramzan Sergey Dmitri Yegor Artem Artyom Gleb Matvei Arseniy Arseny Vasyl Petro
Oleksandr Oleksiy Andriy Mykola Mykhailo Serhiy Taras Bohdan Vitali Yulia Iryna Olena Oksana Svetlana Tatiana
Natalia Elena Marina Irina Olga Galina Lyudmila Ludmila Valentina Anastasia Ekaterina Yekaterina Daria Darya
Polina Ksenia Kseniya Alina Veronika Vera Nadezhda Zoya Larisa Tamara Inna Nina Sofia Elvira Oleksandra
Kateryna Yuliia Khrystyna Hanna Ruslana Rustem Denys Kyrylo Dmytro Yuriy Yury Iurii Yurii Heorhiy Hennadiy
Vadym Vitaliy Valeriy Anatoliy Yevhen Ihor Oleh Mustafa Mohammed Muhammad Mohammad Mohamed Ahmed Ahmad Ali
Hassan Hussein Hussain Omar Umar Abdullah Abdallah Abdul Abdulaziz Abdulrahman Khalid Khaled Faisal Fahd
Salman Tamim Hamad Mansour Mahmud Ibrahim Ismail Yusuf Youssef Yousef Karim Kareem Nabil Tariq Tarek Walid
Waleed Samir Sami Rami Ziad Fadi Hamza Bilal Jamal Kamal Nasser Osama Usama Ayman Hosni Anwar Yasser Yasir
Rashid Saeed Saleh Salem Zayed Naftali Yair Benny Gideon Itamar Bezalel Yitzhak Moshe Avigdor Ehud Ariel
Shimon Golda Reuven Ron Masoud Ebrahim Javad Abbas Akbar Mojtaba Qasem Ruhollah Wang Li Zhang Liu Chen Yang
Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Lin Luo Gao Jiang Yi Wen Wei Qin Qiang Deng Yoshihide Taro Hiroshi
Takeshi Kenji Naoto Yukio Junichiro Akihito Naruhito Sanae Koichi Toshimitsu Han Rahul Sonia Amit Rajnath
Nirmala Subrahmanyam Arvind Manmohan Indira Rajiv Imran Nawaz Shehbaz Asif Benazir Pervez Hasina Khaleda Ranil
Mahinda Gotabaya Anura Prachanda Jacinda Anthony Malcolm Penny Winston Luiz Inacio Cristina Mauricio Manuel
Miguel Rafael Guillermo Alejandro Santiago Pablo Francisco Fernando Felipe Jorge Luis Eduardo Ricardo Roberto
Sebastian Mateo Diego Alvaro Cyril Thabo Nelson Yoweri Uhuru Abiy Bola Muhammadu Goodluck Olusegun Emmerson
Macky Alassane Nana Felix Idriss Abdelmadjid Kais Abdelaziz Moncef Ahmet Hakan Mevlut Ekrem Kemal Binali
Devlet Mehmet Klaus Michel Margrethe Thierry Valdis Frans Paolo Janusz Rex Jake Lloyd Antony Avril Kurt Warren
Sam Tim Alisher Garry Anton Valerii Andrii Wladimir
`

// nameGroups: first names that denote the same given name: spelling and
// transliteration variants and common short forms.
var nameGroups = [][]string{
	{"Steve", "Stephen", "Steven", "Stevie", "Stefan", "Stephan", "Esteban", "Stepan"},
	{"Yuri", "Yuriy", "Yury", "Iurii", "Yurii", "Iury", "Juri", "Jurij", "Yurij", "Youri"},
	{"Mohammed", "Muhammad", "Mohammad", "Mohamed", "Muhammed", "Mohamad", "Mohamud", "Mehmet", "Mohd", "Muhammet", "Mahomet"},
	{"Alexander", "Aleksandr", "Alexandr", "Oleksandr", "Aleksander", "Aliaksandr", "Alexandre", "Alejandro", "Alessandro", "Alex", "Sasha", "Sascha", "Aleksandar", "Iskander", "Iskandar"},
	{"Alexei", "Alexey", "Aleksei", "Aleksey", "Alexej", "Oleksiy", "Oleksii", "Olexiy", "Alex"},
	{"Dmitry", "Dmitri", "Dmitriy", "Dmitrii", "Dmytro", "Dimitri", "Dimitry", "Dimitrios"},
	{"Sergei", "Sergey", "Serhiy", "Serhii", "Sergiy", "Sergii", "Serge", "Sergio", "Sergiu"},
	{"Vladimir", "Volodymyr", "Wladimir", "Włodzimierz", "Vladimyr"},
	{"Mikhail", "Mykhailo", "Michael", "Mike", "Michel", "Miguel", "Michal", "Michail", "Mikhael", "Mikael", "Mickey"},
	{"Andrei", "Andrey", "Andriy", "Andrii", "Andrew", "Andy", "Andre", "André", "Andreas", "Andrzej", "Andres", "Andrés"},
	{"Nikolai", "Nikolay", "Mykola", "Nicholas", "Nick", "Nikolas", "Nicolas", "Nicola", "Niklas", "Nikola"},
	{"Yevgeny", "Evgeny", "Yevgeniy", "Evgeniy", "Yevgenii", "Yevhen", "Yevheniy", "Eugene", "Evgenii"},
	{"Pyotr", "Petr", "Petro", "Peter", "Pete", "Pierre", "Pedro", "Pietro", "Piotr"},
	{"Ivan", "Iван", "Ioann", "Johann"},
	{"Kirill", "Kyrylo", "Cyril", "Kiril"},
	{"Maria", "Mariya", "Marie", "Mary", "Mariia", "Marija"},
	{"Yulia", "Yuliya", "Julia", "Iuliia", "Yuliia", "Julija"},
	{"Olga", "Olha", "Olya"},
	{"Tatyana", "Tatiana", "Tetiana", "Tetyana", "Tanya"},
	{"Natalia", "Natalya", "Nataliya", "Natalie", "Natasha", "Nataliia"},
	{"Elena", "Yelena", "Olena", "Helen", "Helena", "Jelena", "Alena"},
	{"Ekaterina", "Yekaterina", "Kateryna", "Katerina", "Catherine", "Katherine", "Kathryn", "Kate", "Katie", "Kathy", "Katya"},
	{"Anatoly", "Anatoliy", "Anatolii"},
	{"Valery", "Valeriy", "Valerii", "Valeri"},
	{"Vitaly", "Vitaliy", "Vitalii", "Vitali"},
	{"Gennady", "Gennadiy", "Hennadiy", "Gennadii", "Hennadii"},
	{"Grigory", "Grigoriy", "Hryhoriy", "Gregory", "Greg", "Grigori"},
	{"Georgy", "Georgiy", "Heorhiy", "George", "Georgii", "Jorge", "Giorgi", "Georg"},
	{"Yakov", "Yakiv", "Jacob", "Jake", "Jakob", "Yaakov", "Yakub"},
	{"Ilya", "Illia", "Ilia", "Elijah", "Ilyas", "Elias"},
	{"Vasily", "Vasiliy", "Vasyl", "Vassily", "Basil"},
	{"Vyacheslav", "Viacheslav", "Slava"},
	{"Arseniy", "Arseny", "Arsenii"},
	{"Artem", "Artyom", "Artiom"},
	{"Fyodor", "Fedor", "Fedir", "Theodore", "Ted", "Teddy"},
	{"Iosif", "Josef", "Joseph", "Joe", "Joey", "Giuseppe", "Jose", "José", "Yusuf", "Youssef", "Yousef", "Yosef"},
	{"Semyon", "Semen", "Simon", "Shimon"},
	{"Oleg", "Oleh"},
	{"Igor", "Ihor"},
	{"Yevgenia", "Evgenia", "Yevheniia"},
	{"Ksenia", "Kseniya", "Xenia"},
	{"Darya", "Daria", "Dariya"},
	{"Lyudmila", "Ludmila", "Liudmyla"},
	{"Denis", "Denys", "Dennis"},
	{"Roman", "Romain"},
	{"Maxim", "Maksim", "Maksym", "Max", "Maximilian"},
	{"Hanna", "Anna", "Ganna", "Hannah", "Ann", "Anne", "Annie"},
	{"William", "Bill", "Will", "Billy", "Willy", "Willie", "Wilhelm", "Guillermo"},
	{"Robert", "Bob", "Rob", "Bobby", "Robbie", "Roberto"},
	{"Richard", "Dick", "Rick", "Rich", "Ricky", "Ricardo"},
	{"James", "Jim", "Jimmy", "Jamie", "Jaime", "Diego"},
	{"Thomas", "Tom", "Tommy", "Tomas", "Tomasz"},
	{"Edward", "Ed", "Eddie", "Ted", "Eduardo", "Edouard"},
	{"Elizabeth", "Liz", "Beth", "Betty", "Elisabeth", "Eliza", "Lisa"},
	{"Daniel", "Dan", "Danny", "Daniil", "Danylo"},
	{"David", "Dave", "Davit", "Dawid"},
	{"Benjamin", "Ben", "Benny", "Bibi"},
	{"Jonathan", "Jon"},
	{"John", "Johnny", "Jon", "Juan", "Jean", "Johannes", "Hans", "Giovanni", "Joao", "João", "Ian", "Sean", "Evan"},
	{"Christopher", "Chris"},
	{"Christine", "Chris", "Christina", "Kristina", "Khrystyna", "Kristin"},
	{"Matthew", "Matt", "Matthias", "Mateo", "Matteo", "Matvei", "Matvey"},
	{"Anthony", "Tony", "Antony", "Antonio", "Anton", "Antoine"},
	{"Donald", "Don", "Donnie"},
	{"Ronald", "Ron", "Ronnie"},
	{"Samuel", "Sam", "Sammy"},
	{"Timothy", "Tim", "Timofey", "Tymofiy"},
	{"Patrick", "Pat", "Paddy"},
	{"Charles", "Charlie", "Chuck", "Carlos", "Carl", "Karl", "Carlo"},
	{"Lawrence", "Larry", "Laurence"},
	{"Jennifer", "Jen", "Jenny"},
	{"Rebecca", "Becky"},
	{"Susan", "Sue", "Susie", "Suzanne"},
	{"Margaret", "Maggie", "Peggy", "Meg"},
	{"Abdullah", "Abdallah", "Abdulla"},
	{"Ahmed", "Ahmad", "Ahmet"},
	{"Hussein", "Husain", "Hussain", "Husein", "Hüseyin"},
	{"Omar", "Umar", "Omer", "Ömer"},
	{"Osama", "Usama", "Usamah"},
	{"Hassan", "Hasan", "Hassen"},
	{"Khaled", "Khalid", "Halid"},
	{"Mahmoud", "Mahmud", "Mahmood"},
	{"Mustafa", "Mustapha", "Moustafa", "Mostafa"},
	{"Ibrahim", "Ebrahim", "Abraham", "Avraham"},
	{"Ismail", "Ismael", "Esmail"},
	{"Yasser", "Yasir", "Yaser"},
	{"Saeed", "Sayed", "Sayyid"},
	{"Rashid", "Rasheed", "Reshad"},
	{"Faisal", "Feisal", "Faysal"},
	{"Nasser", "Naser", "Nasir"},
	{"Tariq", "Tarek", "Tarik", "Tareq"},
	{"Walid", "Waleed"},
	{"Karim", "Kareem"},
	{"Jamal", "Gamal"},
	{"Isaac", "Yitzhak", "Itzhak", "Ishak", "Isak"},
	{"Moshe", "Moses", "Musa"},
	{"Michelle", "Michele", "Michela"},
	{"Kassym-Jomart", "Kassym-Zhomart", "Kasym-Zhomart"},
	{"Shavkat", "Shaukat"},
	{"Recep", "Rejep"},
	{"Xi"},
}

var (
	groupsOf map[string][]int // folded name → indexes into nameGroups
)

func init() {
	groupsOf = map[string][]int{}
	for i, g := range nameGroups {
		for _, n := range g {
			k := fold(n)
			groupsOf[k] = append(groupsOf[k], i)
		}
	}
}

// fold lower-cases s, removes diacritics and dots, and maps curly
// apostrophes to straight ones: "U.S." → "us", "Ţiriac" → "tiriac".
func fold(s string) string {
	if isASCIILowerNoDot(s) {
		return s
	}
	if isASCII(s) {
		b := make([]byte, 0, len(s))
		for i := 0; i < len(s); i++ {
			switch c := s[i]; {
			case c == '.':
			case c == '`':
				b = append(b, '\'')
			case c >= 'A' && c <= 'Z':
				b = append(b, c+'a'-'A')
			default:
				b = append(b, c)
			}
		}
		return string(b)
	}
	s = norm.NFD.String(s)
	var b strings.Builder
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Mn, r), r == '.':
			continue
		case r == '’' || r == '‘' || r == '`':
			b.WriteByte('\'')
		default:
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

func isASCIILowerNoDot(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 || c == '.' || (c >= 'A' && c <= 'Z') || c == '`' {
			return false
		}
	}
	return true
}

var translitReplacer = strings.NewReplacer("kh", "h", "ks", "x", "ph", "f", "w", "v", "j", "i", "y", "i", "ck", "k", "c", "k", "q", "k", "'", "", "-", "")

// translitKey reduces a name to a key shared by its common Latin
// transliterations: "Yuriy", "Yury", "Iurii" and "Yuri" all give "iuri";
// "Zelenskyy" and "Zelensky" give "zelenski".
func translitKey(s string) string {
	s = translitReplacer.Replace(fold(s))
	// collapse doubled letters ("iurii" → "iuri", "gennadiy" → "genadi")
	var b strings.Builder
	var prev rune
	for i, c := range s {
		if i > 0 && c == prev {
			continue
		}
		b.WriteRune(c)
		prev = c
	}
	return b.String()
}

// FirstNameVariants reports whether a and b are forms of the same given name:
// equal (ignoring case and diacritics), listed as variants of each other
// ("Steve", "Stephen", "Steven"; "Mohammed", "Muhammad"; "Alexander",
// "Aleksandr", "Alex"), or transliterations that reduce to one key ("Yuri",
// "Yuriy", "Yury", "Iurii"). An initial ("D" or "D.") matches any name with
// that first letter.
func FirstNameVariants(a, b string) bool {
	fa, fb := fold(a), fold(b)
	if fa == "" || fb == "" {
		return false
	}
	if fa == fb {
		return true
	}
	if utf8.RuneCountInString(fa) == 1 || utf8.RuneCountInString(fb) == 1 {
		ra, _ := utf8.DecodeRuneInString(fa)
		rb, _ := utf8.DecodeRuneInString(fb)
		return ra == rb
	}
	for _, i := range groupsOf[fa] {
		for _, j := range groupsOf[fb] {
			if i == j {
				return true
			}
		}
	}
	return translitKey(fa) == translitKey(fb)
}

// SameName reports whether two person names denote the same person by name:
// their surnames (last words) are equal, transliteration variants of each
// other ("Zelensky", "Zelenskyy") or one edit apart (OneEdit, words of at
// least 5 letters), and their first names are compatible — FirstNameVariants
// when both give one, or one of the two is a surname alone. Middle names are
// ignored. Empty names are never the same.
func SameName(a, b string) bool {
	wa, wb := nameWords(a), nameWords(b)
	if len(wa) == 0 || len(wb) == 0 {
		return false
	}
	la, lb := wa[len(wa)-1], wb[len(wb)-1]
	if !sameSurname(la, lb) {
		return false
	}
	if len(wa) == 1 || len(wb) == 1 {
		return true
	}
	return FirstNameVariants(wa[0], wb[0])
}

func sameSurname(a, b string) bool {
	fa, fb := fold(a), fold(b)
	return fa == fb || translitKey(fa) == translitKey(fb) || OneEdit(fa, fb)
}

// nameWords splits a name into words, dropping honorifics and titles at its
// start ("Mr. Witkoff" → ["Witkoff"]).
func nameWords(s string) []string {
	f := strings.FieldsFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || r == ','
	})
	for len(f) > 1 && (honorifics[fold(f[0])] || titles[fold(f[0])]) {
		f = f[1:]
	}
	return f
}

// OneEdit reports whether a and b (compared case- and diacritic-insensitively)
// differ by exactly one insertion, deletion or substitution of a letter, or by
// one transposition of two adjacent letters. Both words must have at least 5
// letters: shorter names are too easily confused.
func OneEdit(a, b string) bool {
	ra, rb := []rune(fold(a)), []rune(fold(b))
	if len(ra) < 5 || len(rb) < 5 {
		return false
	}
	if len(ra) > len(rb) {
		ra, rb = rb, ra
	}
	switch len(rb) - len(ra) {
	case 0:
		var diff []int
		for i := range ra {
			if ra[i] != rb[i] {
				diff = append(diff, i)
				if len(diff) > 2 {
					return false
				}
			}
		}
		switch len(diff) {
		case 1:
			return true
		case 2:
			i, j := diff[0], diff[1]
			return j == i+1 && ra[i] == rb[j] && ra[j] == rb[i]
		}
		return false
	case 1:
		i := 0
		for i < len(ra) && ra[i] == rb[i] {
			i++
		}
		for j := i; j < len(ra); j++ {
			if ra[j] != rb[j+1] {
				return false
			}
		}
		return true
	}
	return false
}
