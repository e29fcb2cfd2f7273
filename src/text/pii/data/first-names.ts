/**
 * Common given names across cultures, written from general knowledge (no download), for the rule-based
 * PERSON recognizer. Lowercase, without diacritics: lookups fold case and strip accents, so "José" and
 * "Zoë" match "jose" and "zoe". Chinese, Korean and Vietnamese given names are listed in their usual
 * romanisations; one-syllable ones that are also common English words or surnames are left out.
 *
 * AMBIGUOUS_FIRST_NAMES are given names that are also everyday words, months or places ("May", "Will",
 * "Grace", "Jordan"): they start a name only with a title or a context word before them.
 */

const NAMES = `
aaron abigail abraham ada adam adela adelaide adrian adriana adrienne agatha agnes aidan aileen aimee alan
alana albert alberta alec alejandro alex alexa alexander alexandra alexandre alexis alfie alfred alfredo alice
alicia alison allan allison alma alvin alyssa amanda amelia amy ana anastasia andre andrea andreas andrew andy
angel angela angelica angelina angie anita ann anna annabelle anne annette annie anthony antoine antonia antonio
archie ariana arianna arnold arthur ashley audrey austen ava avery barbara barry beatrice beatriz becky belinda
ben benedict benjamin bernadette bernard bernice beth bethany betty beverly bianca blake bonnie boris bradley
brandon brenda brendan brent brett brian briana bridget brittany brooke bruce bruno bryan caitlin caleb calvin
camila cameron camille candice cara carl carla carlos carly carmen carol caroline carolyn carrie casey cassandra
catherine cathy cecilia cedric celia charles charlie charlotte chelsea cheryl chloe chris christian christina
christine christopher cindy claire clara clarence clarissa claudia clayton clifford clint clyde cody colin colleen
connor conor constance corey courtney craig cynthia cyril daisy damian damien dan daniel daniela danielle danny
daphne darius darlene darren darryl dave david dean debbie deborah declan deirdre denise dennis derek desmond
diana diane dolores dominic don donald donna doreen doris dorothy douglas duncan dustin dwayne dylan eamon edgar
edith edmund eduardo edward edwin eileen elaine eleanor elena eli elias elijah elisa elisabeth elise eliza
elizabeth ella ellen ellie elliot elliott eloise elsa elsie emanuel emilia emilio emily emma emmanuel eric erica
erik erin ernest esme estelle esther ethan eugene eva evan evelyn ezra fabian felicity felix fergus fernando
fiona florian frances francesca francis francisco franklin freddie frederick freya gabriel gabriela gabriella
gabrielle gail gareth garrett gary gavin gemma geoffrey george georgina gerald geraldine gerard gertrude gideon
gilbert gillian gina giovanni gladys glenn gloria gordon graham gregory greta gwen gwendolyn hailey hannah harold
harriet harrison harry harvey hayley hazel heather hector heidi helen helena henrietta henry herbert howard hugh
hugo ian imogen ingrid irene isaac isabel isabella isabelle isaiah isla ivan jackie jacob jacqueline jake james
jamie jan jane janet janice jared jasmine jason jasper jay jean jeanette jeff jeffrey jenna jennifer jenny jeremy
jerome jerry jesse jessica jill jim jimmy joan joanna joanne jocelyn jodie joe joel joey johanna john johnny
jon jonah jonathan joseph josephine josh joshua josie joyce judith judy julia julian juliana julie juliet justin
kara karen karl kate katherine kathleen kathryn kathy katie katrina kay kayla keith kelly kelsey ken kenneth kerry
kevin kieran kim kimberly kirsten kristen kristin kurt kyle lachlan lance laura lauren laurence lawrence leah
leanne lee leo leon leonard leonardo leslie liam lillian linda lindsay lindsey lionel lisa lloyd logan lois lorna
lorraine louis louisa louise lucas lucia lucy luis luke luna lydia lynn madeleine madison maggie malcolm mandy
marc marcel marcia marcus margaret margot maria marian marianne marie marilyn marion marjorie marlene martha martin
marvin mary matilda matthew maureen maurice max maxine maya megan melanie melinda melissa melvin meredith michael
michaela michelle miguel mike mildred mitchell molly monica morgan moses muriel nadia naomi natalie natasha nathan
nathaniel neil nelson nicholas nick nicola nicole nigel nina noah noel nora norman oliver olivia oscar owen paige
pamela patricia patrick paul paula pauline peggy penelope percy peter petra philip phillip phoebe phyllis pierce
piers priscilla quentin quinn rachel ralph randall randy raphael rebecca regina reginald rhys ricardo richard
rita robert roberta robin rodney roger roland ronald rory rosa rosalind rosemary ross roxanne roy ruben rupert
russell ruth ryan sabrina sally samantha samuel sandra sara sarah scarlett scott sean sebastian selena seth
shane shannon sharon shaun shawn sheila shelby shelley sheryl shirley sidney silvia simon simone sofia sonia
sophia sophie spencer stacey stanley stella stephanie stephen steve steven stewart stuart susan suzanne sylvia
tabitha tamara tammy tanya tara ted teresa terence teresa terrence thea theo theodore theresa thomas tiffany
timothy tina toby todd tom tommy tony tracey tracy travis trevor tristan troy tyler ursula valentina valerie
vanessa vera veronica vicky victor vincent virginia vivian wallace walter wanda warren wayne wendy wesley whitney
wilfred william willow winifred winston wyatt xavier yvette yvonne zachary zara zoe zoey
aiden brayden jayden kayden jaxon jackson landon liam lincoln nolan easton grayson hudson colton bentley kinsley
brooklyn addison aubrey harper emery skylar peyton mackenzie kennedy makayla aaliyah destiny jada keisha latoya
tanisha shanice deshawn darnell tyrone jamal malik terrell marquis andre lamar kwame kofi
jose juan manuel jesus javier rafael pedro pablo sergio jorge alberto raul ramon enrique diego andres alvaro
gonzalo ignacio inigo jaime joaquin julio lorenzo mateo marcos mario martin nicolas oscar rodrigo ruben santiago
tomas vicente agustin cristian esteban emiliano facundo gustavo hernan leandro mauricio matias rolando salvador
ximena guadalupe lucia paula martina valeria sofia daniela carolina catalina fernanda gabriela mariana victoria
alejandra adriana beatriz cristina dolores elena esperanza eva francisca graciela ines irene isabel josefina
juana laura leticia lorena luisa luz marisol marta mercedes montserrat nuria patricia pilar raquel rocio rosario
soledad susana teresa yolanda consuelo encarnacion inmaculada remedios amparo milagros begona ainhoa itziar
aitor iker unai xabier jordi josep montse nuria pau roser
joao paulo tiago thiago vinicius rodrigo gustavo leonardo bruno caio felipe henrique luiz otavio renato sebastiao
goncalo duarte rui nuno vasco afonso antonia conceicao fatima graca joana leonor madalena mafalda margarida
raquel rita tatiana vitoria bianca larissa leticia mariana thais vanessa yasmin camila
jean pierre jacques michel philippe alain bernard christophe claude didier dominique eric etienne fabrice
francois frederic gerard gilles guillaume herve jerome julien laurent loic luc marcel mathieu maxime nicolas
olivier pascal patrice regis remi sebastien stephane sylvain thierry thibault vincent yann yves amelie anais
aurelie brigitte camille catherine cecile celine chantal christelle claudine colette delphine elodie emilie
fabienne florence francoise genevieve helene isabelle jacqueline josiane laetitia lea manon margaux marine
mathilde mireille monique nathalie odile pascale sandrine severine solene sylvie valerie veronique yvonne
hans jurgen klaus dieter wolfgang helmut gerhard horst uwe rolf manfred werner heinz gunter bernd stefan thomas
andreas michael markus matthias christian tobias florian sebastian lukas jonas leon finn niklas felix moritz
jannik tim jan philipp maximilian johannes fabian dominik kai lars sven torsten jens dirk holger ralf volker
ulrich friedrich heinrich karl ludwig otto wilhelm gunther anke birgit brigitte claudia doris elke gabriele
gisela heike helga ilse ingeborg ingrid jutta karin katja kerstin lena lisa marlene monika nicole petra renate
sabine silke susanne ursula ute jana julia laura lea mia emilia hannah johanna greta frieda ida mathilda
giuseppe giovanni francesco antonio alessandro andrea luca marco matteo lorenzo davide simone federico riccardo
stefano roberto paolo massimo fabio gianluca salvatore vincenzo domenico pietro emanuele daniele filippo enrico
giorgio gabriele sergio alberto maurizio claudio carlo luigi mauro nicola tommaso giulia francesca chiara sara
alessia martina valentina federica elisa silvia giorgia elena beatrice aurora ginevra alice anna paola roberta
simona stefania cristina barbara manuela daniela raffaella serena veronica lucia rosa carmela concetta
jeroen joost pieter bram sander ruud wouter maarten bas daan sem thijs stijn koen niels rik anouk femke
lotte sanne fleur lieke marieke annelies ingrid
lars erik nils anders johan magnus henrik bjorn sven olaf gustav oskar axel emil viktor mikael jonas mattias
fredrik petter ola jens mads rasmus soren kasper morten jesper astrid ingrid sigrid freja saga ebba elsa
linnea maja matilda ida karin kristina birgitta annika malin sofie mette hanne kirsten pernille sanna aino
eino juha jukka matti mikko pekka timo antti heikki kari tuomas ville paivi tiina riikka satu anu johanna
piotr pawel krzysztof tomasz marcin michal lukasz jakub mateusz kamil grzegorz wojciech andrzej marek rafal
adam dariusz slawomir zbigniew jacek katarzyna agnieszka malgorzata joanna magdalena ewa monika dorota beata
aleksandra zuzanna karolina natalia weronika justyna marta iwona jolanta
ivan dmitri dmitry sergei sergey alexei alexey andrei andrey mikhail nikolai vladimir yuri igor oleg pavel
boris anatoly viktor konstantin maxim artem denis evgeny roman stanislav vadim vasily yaroslav olga tatiana
natalia svetlana irina elena ekaterina anastasia yulia marina ludmila galina larisa oksana valentina vera
nadezhda ksenia alina polina daria sofia lyudmila taras bohdan oleksandr mykola vasyl petro dmytro yulia
jiri petr pavel tomas martin jakub lukas ondrej milan zdenek miroslav vaclav jana lenka hana petra lucie
tereza eva vera katerina
laszlo istvan zoltan gabor attila tamas balazs zsolt peter ferenc csaba andras bence erzsebet katalin zsuzsa
eszter judit ildiko agnes krisztina
dragan goran milos nikola stefan marko luka ivana jelena milica dragana snezana tijana mirela
ion mihai andrei alexandru florin cristian dan adrian gheorghe constantin ioana elena maria andreea alina
georgios dimitris konstantinos nikos giannis christos panagiotis vasilis kostas spyros eleni katerina sofia
maria anna georgia dimitra vasiliki despina
mehmet mustafa ahmet ali huseyin hasan ibrahim ismail osman yusuf murat emre burak serkan volkan cem kemal
orhan tarik ayse fatma emine hatice zeynep elif merve ozlem esra gul sibel
mohammed muhammad mohamed ahmed ahmad mahmoud mustafa omar umar khalid hassan hussein hussain abdullah
abdul abdulrahman youssef yusuf ibrahim ismail tariq karim rashid samir sami walid faisal fahad hamza bilal
anas ayman nabil jamal kamal adel amr yasser ziad said saeed majid nasser salim sultan zaid fatima aisha ayesha
khadija maryam mariam zainab layla leila noor nour amina amira yasmin yasmine hana huda rania salma samira
sara dina lina rana reem mona noura farah hiba iman nadia soraya ghada lamia
ali reza mohammad hossein mehdi amir hamid saeed majid farhad behzad dariush kaveh babak arash navid omid
parisa shirin mahsa maryam zahra fatemeh neda roya leila sara nasrin azadeh golnaz
david moshe yosef yitzhak avraham yaakov shlomo eliyahu avi noam itai yonatan eitan ariel amit omri uri
tamar yael noa shira michal rivka miriam esther hadas ayelet orly
rahul amit rohit sanjay vijay ajay anil sunil rajesh ramesh suresh mahesh dinesh ganesh mukesh rakesh naveen
pradeep sandeep deepak manoj vinod arun varun karan arjun vikram vivek ashok prakash ravi krishna gopal
harish girish satish nitin sachin siddharth aditya akash ankit abhishek aman ankur gaurav harsh kunal mohit
nikhil pankaj piyush rajat rishi rohan saurabh shubham tarun tushar vikas yash amitabh anand arvind ashish
bharat chetan devendra hemant jagdish kishore lalit mahendra narendra pawan rajendra sameer sunita anita
priya pooja neha anjali kavita rekha seema meena geeta sita radha lakshmi divya deepika shreya sneha swati
kiran aarti asha ritu nisha preeti jyoti shweta payal komal pallavi poonam rashmi shilpa sonia tanvi
ananya aditi aishwarya bhavna chitra harini janaki kamala lalitha madhuri malini meenakshi nandini padma
parvati pushpa revathi saranya savitri shalini shanti sharmila sudha sujata usha vandana vidya
murugan senthil karthik venkatesh srinivas subramanian balaji raghavan lakshman anbu selvam
gurpreet harpreet manpreet jaspreet simran navjot amandeep baljit kuldeep
abdul rahim rafiq shahid imran asif nadeem naveed waqar zubair farhan irfan junaid kashif
wei jing li ming hui yan xiaoming xiaoyan jian jun hao lei tao yong qiang zhiwei jianguo guoqiang haiyan
xiaohong xiaoling meiling lihua yuxuan zihan haoran yuting xinyi shuang ying lan fang hong ping yun qing
xin yu chen bo kai fei peng rui hua
hiroshi takashi kenji yuki haruto sota yuto riku daiki kazuki takumi hiroki naoki satoshi shota kenta
ryota yusuke daisuke kazuo makoto masato tatsuya tomoya akira hideo ichiro jiro kenichi koji noboru osamu
shigeru taro yoshio yuichi sakura yui hina aoi rin mei yuna haruka misaki nanami ayaka asuka emi keiko kumiko
mariko naoko noriko sachiko tomoko yoko yoshiko akiko ayumi chihiro eri kaori megumi miho nao saki yumi
minjun seojun jiho jiwoo junseo hyunwoo dohyun minseo seoyeon jiwon soyeon jiyeon eunji hyejin minji yuna
jisoo jennie sunghoon jongin taehyung jimin seokjin namjoon hoseok yoongi jungkook donghyun sungmin
nguyen minh anh tuan hung dung thanh huong lan linh mai ngoc phuong quang thao trang trung tuyet vinh
jose maria juan ana mark jerome rodel marites maricel rowena jocelyn lorna rosalie jonel ramil
oluwaseun olumide olusegun oluwadamilare adebayo adeola ayodele babajide chinedu chukwuemeka chidi chiamaka
chioma ngozi nnamdi obinna emeka ifeanyi ikenna uchenna adaeze amaka kelechi tunde temitope folake funmilayo
yetunde bukola kemi sade femi segun dapo kayode abiodun oluwatobi
kwame kwabena kofi kojo yaw kwaku kwasi akua ama abena adwoa afua efua yaa esi
juma baraka jabari amani imani neema zawadi rehema wanjiru wambui njeri kamau otieno ochieng achieng akinyi
sipho thabo themba bongani mandla sibusiso nomvula thandiwe lindiwe nandi zanele ayanda lerato palesa
tsegaye abebe haile tesfaye girma dawit yohannes mulugeta alemu selam meron hiwot tigist bethlehem mekdes
aroha tane wiremu ngaio kiri mere hemi
`;

const AMBIGUOUS = `
may june april august autumn summer will bill mark frank grace hope joy faith charity patience honor honour
rose ruby pearl jade amber crystal ivy holly daisy lily iris violet heather olive poppy dawn sunny
jack guy art rich cliff dale glen grant miles chase hunter mason carter parker austin dallas jordan paris
victoria georgia sydney florence chelsea london brooklyn madison savannah phoenix denver houston cairo
king prince duke earl baron major sterling royal rusty sandy penny candy ginger pat sue don ray wade lane
gene rod dean bob pip nick chip buck hank sky storm rain river stone reed ford hall wood field price
young long short gray grey brown green white black bishop pope page cook baker taylor hope angel ace
max gay jan lincoln jackson kennedy mercedes
`;

function words(s: string): string[] {
  return s.split(/\s+/).filter((w) => w.length > 0);
}

export const AMBIGUOUS_FIRST_NAMES: ReadonlySet<string> = new Set(words(AMBIGUOUS));

export const FIRST_NAMES: ReadonlySet<string> = new Set([...words(NAMES), ...words(AMBIGUOUS)]);
